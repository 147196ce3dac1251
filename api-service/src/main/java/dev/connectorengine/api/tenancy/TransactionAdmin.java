package dev.connectorengine.api.tenancy;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets the current transaction, which acts for no workspace, write official templates: the
 * row-level security policy of {@code connector_templates} admits the platform admin only with this
 * setting and no workspace ({@code V11__templates_and_admin_users.sql}). Only the admin calls,
 * after their role check, enter it.
 */
@Component
public class TransactionAdmin {

  private static final String SET =
      "SELECT set_config('connector_engine.platform_admin', 'on', true)";

  private final DataSource dataSource;

  TransactionAdmin(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The rest of the current transaction acts as a platform admin. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enter() {
    try (PreparedStatement statement =
        DataSourceUtils.getConnection(dataSource).prepareStatement(SET)) {
      statement.execute();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make the transaction a platform admin's", e);
    }
  }
}

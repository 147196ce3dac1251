package dev.connectorengine.api.tenancy;

import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the current transaction into a workspace that was not known when it began: the admin call
 * creating a workspace writes its rows inside the workspace it creates, and nowhere else.
 */
@Component
public class TransactionWorkspace {

  private final DataSource dataSource;

  TransactionWorkspace(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The rest of the current transaction acts for {@code workspaceId}. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enter(UUID workspaceId) {
    try {
      WorkspaceSetting.apply(DataSourceUtils.getConnection(dataSource), workspaceId);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set the transaction's workspace", e);
    }
  }
}

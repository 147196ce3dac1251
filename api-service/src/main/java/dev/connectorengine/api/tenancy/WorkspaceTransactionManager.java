package dev.connectorengine.api.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Starts every transaction in the request's workspace, in one place rather than in every
 * repository. A transaction with no workspace (the admin call, anything before authentication) sets
 * nothing, so the policies match no row until it enters one ({@link TransactionWorkspace}). The
 * setting goes out with the transaction's first statement: one round trip, no extra commit.
 */
class WorkspaceTransactionManager extends JdbcTransactionManager {

  private final CurrentWorkspace current;

  WorkspaceTransactionManager(DataSource dataSource, CurrentWorkspace current) {
    super(dataSource);
    this.current = current;
  }

  @Override
  protected void prepareTransactionalConnection(
      Connection connection, TransactionDefinition definition) throws SQLException {
    super.prepareTransactionalConnection(connection, definition);
    Optional<UUID> workspace = current.get();
    if (workspace.isPresent()) {
      WorkspaceSetting.apply(connection, workspace.get());
    }
  }
}

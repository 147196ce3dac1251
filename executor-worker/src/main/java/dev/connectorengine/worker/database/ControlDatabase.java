package dev.connectorengine.worker.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker's second, small connection pool, for what keeps the worker honest rather than what
 * runs do: liveness, lease renewal, cancellation polls, give-backs and sweeps. Runs' batched writes
 * can fill the main pool or hang on a dead connection; these statements must not queue behind them,
 * or leases would lapse while runs still call targets. Closed with the context, after every
 * lifecycle bean stopped (the liveness row is retired through it last).
 */
public final class ControlDatabase implements AutoCloseable {

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public ControlDatabase(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
  }

  /** The control pool itself. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Statements on the control pool. */
  public JdbcClient jdbc() {
    return jdbc;
  }

  /** Transactions on the control pool. */
  public TransactionTemplate transactions() {
    return transactions;
  }

  @Override
  public void close() {
    if (dataSource instanceof HikariDataSource pool) {
      pool.close();
    }
  }
}

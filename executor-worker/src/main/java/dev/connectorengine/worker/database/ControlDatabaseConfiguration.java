package dev.connectorengine.worker.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the control pool as a copy of the main Hikari pool's configuration (URL, login, role,
 * connect timeout) with its own name, size and shorter timeouts: its statements are tiny, and one
 * stuck behind a dead connection must give up soon.
 */
@Configuration(proxyBeanMethods = false)
class ControlDatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ControlDatabaseConfiguration.class);

  @Bean
  ControlDatabase controlDatabase(DataSource main, ControlPoolSettings settings) {
    HikariDataSource mainPool;
    try {
      mainPool = main.unwrap(HikariDataSource.class);
    } catch (SQLException e) {
      log.warn("the main DataSource is not a Hikari pool; control statements share it");
      return new ControlDatabase(main);
    }
    // Field by field, not copyStateTo: that would share (and so change) the main pool's driver
    // properties.
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(mainPool.getJdbcUrl());
    config.setUsername(mainPool.getUsername());
    config.setPassword(mainPool.getPassword());
    if (mainPool.getDriverClassName() != null) {
      config.setDriverClassName(mainPool.getDriverClassName());
    }
    config.setConnectionInitSql(mainPool.getConnectionInitSql());
    config.setConnectionTimeout(mainPool.getConnectionTimeout());
    config.setMetricsTrackerFactory(mainPool.getMetricsTrackerFactory());
    Properties driver = new Properties();
    driver.putAll(mainPool.getDataSourceProperties());
    // pgjdbc's socketTimeout is in whole seconds; of two -c options PostgreSQL keeps the last.
    driver.setProperty("socketTimeout", Long.toString(settings.socketTimeout().toSeconds()));
    driver.setProperty(
        "options",
        (driver.getProperty("options", "")
                + " -c statement_timeout="
                + settings.statementTimeout().toMillis()
                + " -c idle_in_transaction_session_timeout="
                + settings.idleInTransactionTimeout().toMillis())
            .strip());
    config.setDataSourceProperties(driver);
    config.setPoolName("control");
    config.setMaximumPoolSize(settings.size());
    config.setMinimumIdle(settings.size());
    return new ControlDatabase(new HikariDataSource(config));
  }
}

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
 * Builds the control pool as a copy of the main Hikari pool's configuration (URL, login, role and
 * session settings, timeouts) with its own name, size and a shorter socket timeout.
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
    HikariConfig config = new HikariConfig();
    mainPool.copyStateTo(config);
    Properties driver = new Properties();
    driver.putAll(mainPool.getDataSourceProperties());
    // pgjdbc's socketTimeout is in whole seconds.
    driver.setProperty("socketTimeout", Long.toString(settings.socketTimeout().toSeconds()));
    config.setDataSourceProperties(driver);
    config.setPoolName(mainPool.getPoolName() + "-control");
    config.setMaximumPoolSize(settings.size());
    config.setMinimumIdle(settings.size());
    return new ControlDatabase(new HikariDataSource(config));
  }
}

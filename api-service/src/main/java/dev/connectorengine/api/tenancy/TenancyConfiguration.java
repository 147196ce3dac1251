package dev.connectorengine.api.tenancy;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Replaces Spring Boot's transaction manager with one that scopes each transaction to a workspace.
 */
@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

  @Bean
  JdbcTransactionManager transactionManager(
      DataSource dataSource,
      CurrentWorkspace current,
      ObjectProvider<TransactionManagerCustomizers> customizers) {
    WorkspaceTransactionManager manager = new WorkspaceTransactionManager(dataSource, current);
    customizers.ifAvailable(c -> c.customize(manager));
    return manager;
  }
}

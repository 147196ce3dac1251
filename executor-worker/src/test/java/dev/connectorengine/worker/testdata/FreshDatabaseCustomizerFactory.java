package dev.connectorengine.worker.testdata;

import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives each context of a {@link WorkerSpringTest} a fresh migrated database and credentials
 * keyset, the database and its owner's {@link JdbcClient} as beans, and drops the database as the
 * context closes.
 */
class FreshDatabaseCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    return new FreshDatabaseCustomizer();
  }

  /**
   * Creates the database as the context is built, not on every lookup in the context cache. A
   * record without components: all are equal, so it never tells two configurations apart.
   */
  private record FreshDatabaseCustomizer() implements ContextCustomizer {

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      FreshDatabase database = FreshDatabase.createMigrated();
      context.getEnvironment().getPropertySources().addFirst(settings(database));
      var beans = (DefaultListableBeanFactory) context.getBeanFactory();
      beans.registerSingleton("freshDatabase", database);
      // Disposed of in reverse order: registered before any other bean, the database is dropped
      // last, once the sweeper, heartbeat and listeners have stopped using it.
      beans.registerDisposableBean("freshDatabase", database::close);
      beans.registerBeanDefinition("ownerJdbcClient", ownerJdbcClient(database));
    }

    private static MapPropertySource settings(FreshDatabase database) {
      return new MapPropertySource(
          "workerSpringTest",
          Map.of(
              "spring.datasource.url", database.jdbcUrl(),
              "spring.datasource.username", database.username(),
              "spring.datasource.password", database.password(),
              "connector-engine.credentials.keyset", CredentialSealer.generateKeysetJson()));
    }

    /**
     * Not a default candidate: only {@link Owner} injection points get it, so the worker's own
     * {@code JdbcClient} is still auto-configured and the one injected by type.
     */
    private static RootBeanDefinition ownerJdbcClient(FreshDatabase database) {
      RootBeanDefinition owner =
          new RootBeanDefinition(JdbcClient.class, () -> OwnerJdbc.of(database));
      owner.addQualifier(new AutowireCandidateQualifier(Owner.class));
      owner.setDefaultCandidate(false);
      return owner;
    }
  }
}

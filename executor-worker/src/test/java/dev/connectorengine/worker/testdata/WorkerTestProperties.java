package dev.connectorengine.worker.testdata;

import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.testsupport.FreshDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every worker Spring test needs: its own database and a fresh keyset. */
public final class WorkerTestProperties {

  private WorkerTestProperties() {}

  public static void register(DynamicPropertyRegistry registry, FreshDatabase database) {
    registry.add("spring.datasource.url", database::jdbcUrl);
    registry.add("spring.datasource.username", database::username);
    registry.add("spring.datasource.password", database::password);
    registry.add("connector-engine.credentials.keyset", CredentialSealer::generateKeysetJson);
  }
}

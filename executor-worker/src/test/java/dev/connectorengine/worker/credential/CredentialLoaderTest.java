package dev.connectorengine.worker.credential;

import static dev.connectorengine.worker.testdata.TestData.aCredential;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.batch.BatchSettings;
import dev.connectorengine.worker.testdata.OwnerJdbc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class CredentialLoaderTest {

  private static final FreshDatabase DATABASE = FreshDatabase.createMigrated();

  @AfterAll
  static void dropDatabase() {
    DATABASE.close();
  }

  private final JdbcClient jdbc = OwnerJdbc.of(DATABASE);
  private final CredentialSealer sealer =
      CredentialSealer.fromKeysetJson(CredentialSealer.generateKeysetJson());

  @Test
  void runs_loading_at_once_share_queries_and_each_gets_its_own_workspaces_credentials()
      throws Exception {
    UUID acme = aWorkspace(jdbc);
    UUID globex = aWorkspace(jdbc);
    aCredential(jdbc, sealer, acme, "crm", Map.of("apiKey", "acme-key"));
    aCredential(jdbc, sealer, globex, "crm", Map.of("apiKey", "globex-key"));
    aCredential(jdbc, sealer, globex, "billing", Map.of("apiKey", "globex-billing"));
    jdbc.sql("UPDATE workspace_api_credentials SET status = 'revoked' WHERE service_name = ?")
        .param("billing")
        .update();

    List<Future<WorkspaceCredentials>> loads = new ArrayList<>();
    try (CredentialLoader loader =
            new CredentialLoader(jdbc, sealer, Clock.systemUTC(), new BatchSettings(64, 1));
        ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 400; i++) {
        UUID workspace = i % 2 == 0 ? acme : globex;
        loads.add(runs.submit(() -> loader.load(workspace, Set.of("crm", "billing"))));
      }
      for (int i = 0; i < loads.size(); i++) {
        WorkspaceCredentials credentials = loads.get(i).get();
        if (i % 2 == 0) {
          assertThat(credentials.credential("crm").orElseThrow().values())
              .containsEntry("apiKey", "acme-key");
          // Acme has no billing credential: the run learns it has none, not Globex's.
          assertThat(credentials.credential("billing")).isEmpty();
        } else {
          assertThat(credentials.credential("crm").orElseThrow().values())
              .containsEntry("apiKey", "globex-key");
          assertThat(credentials.credential("billing")).isEmpty();
          assertThat(credentials.problemWith("billing"))
              .contains("credential 'billing' is revoked");
        }
      }
    }
  }
}

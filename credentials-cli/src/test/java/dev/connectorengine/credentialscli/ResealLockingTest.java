package dev.connectorengine.credentialscli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.testsupport.FreshDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-sealing never writes back a value older than what another writer committed meanwhile. */
class ResealLockingTest {

  private final Keyset keysetA = Keyset.generate();
  private final Keyset rotated = keysetA.rotated();
  private final Keyset onlyB = rotated.without(keysetA.primaryKeyId());

  private FreshDatabase database;
  private CredentialTable table;

  @BeforeEach
  void freshDatabase() {
    database = FreshDatabase.createMigrated();
    table = new CredentialTable(database);
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void reseal_waits_for_a_row_being_replaced_and_reseals_the_new_values() throws Exception {
    UUID workspace = table.aWorkspace();
    UUID row = table.aCredential(keysetA, workspace, "crm", Map.of("apiKey", "old-value"));

    CompletableFuture<CliRun> reseal;
    try (Connection api = database.connect()) {
      // The API replaces the credential (still under key A, as an API not yet redeployed would)
      // and has not committed when the re-seal starts.
      api.setAutoCommit(false);
      try (PreparedStatement replace =
          api.prepareStatement(
              "UPDATE workspace_api_credentials SET sealed_values = ? WHERE id = ?")) {
        replace.setBytes(1, keysetA.sealer().seal(workspace, "crm", Map.of("apiKey", "new-value")));
        replace.setObject(2, row);
        replace.executeUpdate();
      }
      reseal = CompletableFuture.supplyAsync(() -> CliRun.run(table.env(rotated), "reseal"));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(resealWaitsOnALock()).isTrue());
      api.commit();
    }

    CliRun run = reseal.get();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("credentials:     re-sealed 1,");
    byte[] sealed = table.sealedValues(row);
    assertThat(onlyB.sealer().open(workspace, "crm", sealed)).containsEntry("apiKey", "new-value");
  }

  private boolean resealWaitsOnALock() throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                """
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database()
                   AND application_name = 'connector-engine credentials'
                   AND wait_event_type = 'Lock'
                """);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }
}

package dev.connectorengine.credentialscli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.model.credential.CredentialSealException;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResealCommandTest {

  private static final String SECRET = "canary-7d41e0";

  private final Keyset keysetA = Keyset.generate();
  private final Keyset rotated = keysetA.rotated();
  private final Keyset onlyB = rotated.without(keysetA.primaryKeyId());

  private FreshDatabase database;
  private CredentialTable table;

  @BeforeEach
  void freshDatabase() throws Exception {
    database = FreshDatabase.createMigrated();
    table = new CredentialTable(database);
    table.withOauthTokenColumn();
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void rows_sealed_under_the_old_key_open_with_the_rotated_keyset_before_any_reseal()
      throws Exception {
    UUID workspace = table.aWorkspace();
    UUID row = table.aCredential(keysetA, workspace, "crm", Map.of("apiKey", SECRET));

    assertThat(rotated.sealer().open(workspace, "crm", table.sealedValues(row)))
        .containsEntry("apiKey", SECRET);
    assertThatThrownBy(() -> onlyB.sealer().open(workspace, "crm", table.sealedValues(row)))
        .isInstanceOf(CredentialSealException.class);
  }

  @Test
  void reseal_puts_every_row_under_the_new_primary_key_with_the_same_values() throws Exception {
    Map<UUID, Stored> stored = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      UUID workspace = table.aWorkspace();
      Map<String, String> values = Map.of("apiKey", SECRET + i, "prefix", "Token");
      stored.put(
          table.aCredential(keysetA, workspace, "svc" + i, values),
          new Stored(workspace, "svc" + i, values));
    }

    CliRun run = CliRun.run(table.env(rotated), "reseal", "--batch-size", "2");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("credentials:     re-sealed 5, already current 0, did not open 0")
        .doesNotContain(SECRET);
    assertThat(run.err()).doesNotContain(SECRET);
    for (Map.Entry<UUID, Stored> entry : stored.entrySet()) {
      byte[] sealed = table.sealedValues(entry.getKey());
      Stored expected = entry.getValue();
      assertThat(rotated.keyIdOf(sealed)).hasValue(rotated.primaryKeyId());
      assertThat(onlyB.sealer().open(expected.workspace(), expected.service(), sealed))
          .isEqualTo(expected.values());
    }
  }

  @Test
  void a_second_reseal_reseals_nothing() throws Exception {
    UUID workspace = table.aWorkspace();
    UUID row = table.aCredential(keysetA, workspace, "crm", Map.of("apiKey", SECRET));
    table.aCredential(keysetA, table.aWorkspace(), "crm", Map.of("apiKey", SECRET));
    assertThat(CliRun.run(table.env(rotated), "reseal").exitCode()).isZero();
    byte[] afterFirst = table.sealedValues(row);

    CliRun second = CliRun.run(table.env(rotated), "reseal");

    assertThat(second.exitCode()).isZero();
    assertThat(second.out())
        .contains("credentials:     re-sealed 0, already current 2, did not open 0");
    assertThat(table.sealedValues(row)).isEqualTo(afterFirst);
  }

  @Test
  void a_row_that_does_not_open_is_reported_by_id_and_left_untouched() throws Exception {
    UUID home = table.aWorkspace();
    UUID elsewhere = table.aWorkspace();
    byte[] sealedForHome = keysetA.sealer().seal(home, "crm", Map.of("apiKey", SECRET));
    UUID moved = table.aCredentialSealedAs(elsewhere, "crm", sealedForHome);
    UUID fine = table.aCredential(keysetA, home, "crm", Map.of("apiKey", SECRET));

    CliRun run = CliRun.run(table.env(rotated), "reseal");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.ATTENTION);
    assertThat(run.out())
        .contains("credentials:     re-sealed 1, already current 0, did not open 1")
        .contains("  row " + moved + " (workspace " + elsewhere + ", service crm): sealed_values")
        .doesNotContain(SECRET);
    assertThat(table.sealedValues(moved)).isEqualTo(sealedForHome);
    assertThat(rotated.isSealedUnderPrimary(table.sealedValues(fine))).isTrue();
  }

  @Test
  void the_oauth_access_token_is_resealed_under_its_own_associated_data() throws Exception {
    UUID workspace = table.aWorkspace();
    UUID row = table.aCredential(keysetA, workspace, "crm", Map.of("clientId", "id"));
    table.setAccessToken(
        row, keysetA.sealer().seal(workspace, "crm#access_token", Map.of("accessToken", SECRET)));
    UUID withoutToken = table.aCredential(keysetA, workspace, "other", Map.of("apiKey", "x"));

    CliRun run = CliRun.run(table.env(rotated), "reseal");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("credentials:     re-sealed 2,");
    byte[] token = table.accessToken(row);
    assertThat(onlyB.sealer().open(workspace, "crm#access_token", token))
        .containsEntry("accessToken", SECRET);
    assertThatThrownBy(() -> onlyB.sealer().open(workspace, "crm", token))
        .isInstanceOf(CredentialSealException.class);
    assertThat(table.accessToken(withoutToken)).isNull();
  }

  @Test
  void an_access_token_that_does_not_open_keeps_the_whole_row_untouched() throws Exception {
    UUID workspace = table.aWorkspace();
    UUID row = table.aCredential(keysetA, workspace, "crm", Map.of("clientId", "id"));
    byte[] values = table.sealedValues(row);
    // Sealed with the values' associated data: swapped columns must not open.
    table.setAccessToken(
        row, keysetA.sealer().seal(workspace, "crm", Map.of("accessToken", SECRET)));

    CliRun run = CliRun.run(table.env(rotated), "reseal");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.ATTENTION);
    assertThat(run.out()).contains("row " + row).contains("oauth_access_token_sealed");
    assertThat(table.sealedValues(row)).isEqualTo(values);
  }

  @Test
  void reseal_works_on_a_schema_without_the_oauth_token_column() throws Exception {
    table.withoutOauthTokenColumn();
    UUID workspace = table.aWorkspace();
    UUID row = table.aCredential(keysetA, workspace, "crm", Map.of("apiKey", SECRET));

    CliRun run = CliRun.run(table.env(rotated), "reseal");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("credentials:     re-sealed 1,");
    assertThat(onlyB.sealer().open(workspace, "crm", table.sealedValues(row)))
        .containsEntry("apiKey", SECRET);
  }

  @Test
  void a_dry_run_counts_and_changes_nothing() throws Exception {
    UUID workspace = table.aWorkspace();
    UUID row = table.aCredential(keysetA, workspace, "crm", Map.of("apiKey", SECRET));
    byte[] before = table.sealedValues(row);

    CliRun run = CliRun.run(table.env(rotated), "reseal", "--dry-run");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("credentials:     would re-seal 1,");
    assertThat(table.sealedValues(row)).isEqualTo(before);
  }

  @Test
  void retire_check_names_the_old_key_as_needed_until_reseal_and_removable_after()
      throws Exception {
    table.aCredential(keysetA, table.aWorkspace(), "crm", Map.of("apiKey", SECRET));
    String oldKey = Integer.toUnsignedString(keysetA.primaryKeyId());

    CliRun before = CliRun.run(table.env(rotated), "retire-check");
    CliRun.run(table.env(rotated), "reseal");
    CliRun after = CliRun.run(table.env(rotated), "retire-check");

    assertThat(before.exitCode()).isEqualTo(CredentialsCli.ATTENTION);
    assertThat(before.out())
        .contains("1 sealed values under key " + oldKey)
        .contains("values needing a non-primary key: 1")
        .contains("keys no value needs (may be removed): none");
    assertThat(after.exitCode()).isZero();
    assertThat(after.out())
        .contains("values needing a non-primary key: 0")
        .contains("keys no value needs (may be removed): " + oldKey);
  }

  @Test
  void reseal_takes_the_worker_role_and_reaches_every_workspace_under_row_level_security()
      throws Exception {
    UUID first = table.aCredential(keysetA, table.aWorkspace(), "crm", Map.of("apiKey", SECRET));
    UUID second = table.aCredential(keysetA, table.aWorkspace(), "crm", Map.of("apiKey", SECRET));

    CliRun run = CliRun.run(table.env(rotated), "reseal");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("role connector_engine_worker");
    assertThat(rotated.isSealedUnderPrimary(table.sealedValues(first))).isTrue();
    assertThat(rotated.isSealedUnderPrimary(table.sealedValues(second))).isTrue();
  }

  @Test
  void an_empty_database_role_stays_the_login_user() throws Exception {
    table.aCredential(keysetA, table.aWorkspace(), "crm", Map.of("apiKey", SECRET));
    Map<String, String> env = new HashMap<>(table.env(rotated));
    env.put("DATABASE_ROLE", "");

    CliRun run = CliRun.run(env, "reseal");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("no SET ROLE");
    assertThat(run.out()).contains("credentials:     re-sealed 1,");
  }

  @Test
  void an_unknown_database_role_is_refused_in_one_line() throws Exception {
    Map<String, String> env = new HashMap<>(table.env(rotated));
    env.put("DATABASE_ROLE", "no_such_role_" + UUID.randomUUID().toString().substring(0, 8));

    CliRun run = CliRun.run(env, "reseal");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.BAD_INPUT);
    assertThat(run.err()).startsWith("credentials: cannot SET ROLE").hasLineCount(1);
  }

  private record Stored(UUID workspace, String service, Map<String, String> values) {}
}

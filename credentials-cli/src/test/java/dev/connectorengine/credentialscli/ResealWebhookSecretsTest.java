package dev.connectorengine.credentialscli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.testsupport.FreshDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResealWebhookSecretsTest {

  private static final String SECRET = "whsec_canary-51c2e9";
  private static final String PREVIOUS = "whsec_canary-previous-0b7d";

  private final Keyset keysetA = Keyset.generate();
  private final Keyset rotated = keysetA.rotated();
  private final Keyset onlyB = rotated.without(keysetA.primaryKeyId());

  private FreshDatabase database;
  private CredentialTable credentials;
  private WebhookSecretTable secrets;

  @BeforeEach
  void freshDatabase() {
    database = FreshDatabase.createMigrated();
    credentials = new CredentialTable(database);
    secrets = new WebhookSecretTable(database);
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void a_secret_and_the_previous_one_are_resealed_under_the_new_primary_as_the_worker_role()
      throws Exception {
    UUID rotatedOnce = credentials.aWorkspace();
    secrets.aSecret(
        rotatedOnce, sealed(keysetA, rotatedOnce, SECRET), sealed(keysetA, rotatedOnce, PREVIOUS));
    UUID neverRotated = credentials.aWorkspace();
    secrets.aSecret(neverRotated, sealed(keysetA, neverRotated, SECRET), null);

    CliRun run = CliRun.run(credentials.env(rotated), "reseal", "--batch-size", "1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("role connector_engine_worker").doesNotContain(SECRET);
    assertThat(run.out())
        .contains("webhook secrets: re-sealed 2, already current 0, did not open 0")
        .doesNotContain(SECRET)
        .doesNotContain(PREVIOUS);
    assertThat(onlyB.sealer().openWebhookSecret(rotatedOnce, secrets.secret(rotatedOnce)))
        .isEqualTo(SECRET);
    assertThat(onlyB.sealer().openWebhookSecret(rotatedOnce, secrets.previous(rotatedOnce)))
        .isEqualTo(PREVIOUS);
    assertThat(onlyB.sealer().openWebhookSecret(neverRotated, secrets.secret(neverRotated)))
        .isEqualTo(SECRET);
    assertThat(secrets.previous(neverRotated)).isNull();
  }

  @Test
  void a_dry_run_counts_webhook_secrets_and_changes_none() throws Exception {
    UUID workspace = credentials.aWorkspace();
    byte[] secret = sealed(keysetA, workspace, SECRET);
    byte[] previous = sealed(keysetA, workspace, PREVIOUS);
    secrets.aSecret(workspace, secret, previous);

    CliRun run = CliRun.run(credentials.env(rotated), "reseal", "--dry-run");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("webhook secrets: would re-seal 1, already current 0, did not open 0");
    assertThat(secrets.secret(workspace)).isEqualTo(secret);
    assertThat(secrets.previous(workspace)).isEqualTo(previous);
  }

  @Test
  void a_secret_that_does_not_open_is_reported_by_workspace_and_its_row_left_untouched()
      throws Exception {
    UUID home = credentials.aWorkspace();
    UUID elsewhere = credentials.aWorkspace();
    byte[] secret = sealed(keysetA, elsewhere, SECRET);
    // Sealed for another workspace: a ciphertext moved between rows must not open.
    byte[] moved = sealed(keysetA, home, PREVIOUS);
    secrets.aSecret(elsewhere, secret, moved);
    UUID fine = credentials.aWorkspace();
    secrets.aSecret(fine, sealed(keysetA, fine, SECRET), null);

    CliRun run = CliRun.run(credentials.env(rotated), "reseal");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.ATTENTION);
    assertThat(run.out())
        .contains("webhook secrets: re-sealed 1, already current 0, did not open 1")
        .contains("  workspace " + elsewhere + ": previous_sealed")
        .doesNotContain(SECRET)
        .doesNotContain(PREVIOUS);
    assertThat(secrets.secret(elsewhere)).isEqualTo(secret);
    assertThat(secrets.previous(elsewhere)).isEqualTo(moved);
    assertThat(rotated.isSealedUnderPrimary(secrets.secret(fine))).isTrue();
  }

  @Test
  void retire_check_counts_webhook_secrets_before_naming_the_old_key_removable() throws Exception {
    UUID workspace = credentials.aWorkspace();
    secrets.aSecret(workspace, sealed(keysetA, workspace, SECRET), null);
    String oldKey = Integer.toUnsignedString(keysetA.primaryKeyId());

    CliRun before = CliRun.run(credentials.env(rotated), "retire-check");
    CliRun.run(credentials.env(rotated), "reseal");
    CliRun after = CliRun.run(credentials.env(rotated), "retire-check");

    assertThat(before.exitCode()).isEqualTo(CredentialsCli.ATTENTION);
    assertThat(before.out())
        .contains("1 sealed values under key " + oldKey)
        .contains("keys no value needs (may be removed): none");
    assertThat(after.exitCode()).isZero();
    assertThat(after.out()).contains("keys no value needs (may be removed): " + oldKey);
  }

  @Test
  void reseal_works_on_a_schema_without_webhook_secrets() throws Exception {
    secrets.dropTable();
    UUID workspace = credentials.aWorkspace();
    UUID row = credentials.aCredential(keysetA, workspace, "crm", Map.of("apiKey", SECRET));

    CliRun run = CliRun.run(credentials.env(rotated), "reseal");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("webhook secrets: no table webhook_secrets here, skipped");
    assertThat(run.out()).contains("credentials:     re-sealed 1,").doesNotContain("webhook");
    assertThat(rotated.isSealedUnderPrimary(credentials.sealedValues(row))).isTrue();
  }

  private static byte[] sealed(Keyset keyset, UUID workspaceId, String secret) {
    return keyset.sealer().sealWebhookSecret(workspaceId, secret);
  }
}

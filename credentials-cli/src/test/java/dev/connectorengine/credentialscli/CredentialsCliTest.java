package dev.connectorengine.credentialscli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmParameters;
import dev.connectorengine.model.credential.CredentialSealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsCliTest {

  private static final Map<String, String> NO_ENV = Map.of();
  private final UUID workspace = UUID.randomUUID();

  @Test
  void help_prints_the_usage_and_succeeds() {
    CliRun run = CliRun.run(NO_ENV, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: bin/credentials <command>").contains("reseal");
  }

  @Test
  void new_keyset_prints_a_keyset_the_credential_sealer_accepts() {
    CliRun run = CliRun.run(NO_ENV, "new-keyset");

    assertThat(run.exitCode()).isZero();
    CredentialSealer sealer = CredentialSealer.fromKeysetJson(run.out());
    byte[] sealed = sealer.seal(workspace, "crm", Map.of("apiKey", "k"));
    assertThat(sealer.open(workspace, "crm", sealed)).containsEntry("apiKey", "k");
    assertThat(Keyset.parse(run.out(), "output").keyIds()).hasSize(1);
  }

  @Test
  void rotate_adds_a_primary_key_and_keeps_the_old_one_opening_its_values() {
    Keyset old = Keyset.generate();
    byte[] sealedBefore = old.sealer().seal(workspace, "crm", Map.of("apiKey", "k"));

    CliRun run = CliRun.runWithStdin(NO_ENV, old.toJson(), "rotate");

    assertThat(run.exitCode()).isZero();
    Keyset rotated = Keyset.parse(run.out(), "output");
    assertThat(rotated.keyIds()).hasSize(2).contains(old.primaryKeyId());
    assertThat(rotated.primaryKeyId()).isNotEqualTo(old.primaryKeyId());
    assertThat(rotated.isEnabled(old.primaryKeyId())).isTrue();
    assertThat(rotated.sealer().open(workspace, "crm", sealedBefore)).containsEntry("apiKey", "k");
    byte[] sealedAfter = rotated.sealer().seal(workspace, "crm", Map.of("apiKey", "k"));
    assertThat(rotated.keyIdOf(sealedAfter)).hasValue(rotated.primaryKeyId());
  }

  @Test
  void rotate_reads_the_keyset_from_a_file(@TempDir Path dir) throws Exception {
    Keyset old = Keyset.generate();
    Path file = Files.writeString(dir.resolve("keyset.json"), old.toJson());

    CliRun run = CliRun.run(NO_ENV, "rotate", "--keyset-file", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(Keyset.parse(run.out(), "output").keyIds()).contains(old.primaryKeyId());
  }

  @Test
  void remove_key_drops_an_old_key_but_never_the_primary() {
    Keyset rotated = Keyset.generate().rotated();
    int oldKey = rotated.keyIds().getFirst();

    CliRun removed =
        CliRun.runWithStdin(
            NO_ENV, rotated.toJson(), "remove-key", "--key-id", Integer.toUnsignedString(oldKey));
    CliRun refused =
        CliRun.runWithStdin(
            NO_ENV,
            rotated.toJson(),
            "remove-key",
            "--key-id",
            Integer.toUnsignedString(rotated.primaryKeyId()));

    assertThat(removed.exitCode()).isZero();
    assertThat(Keyset.parse(removed.out(), "output").keyIds())
        .containsExactly(rotated.primaryKeyId());
    assertThat(refused.exitCode()).isEqualTo(CredentialsCli.BAD_INPUT);
    assertThat(refused.err()).contains("is the primary key and cannot be removed");
  }

  @Test
  void an_invalid_keyset_is_refused_in_one_line_without_echoing_it() {
    CliRun run =
        CliRun.runWithStdin(NO_ENV, "{\"primaryKeyId\": 1, \"key\": \"s3cret-ish\"}", "rotate");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.BAD_INPUT);
    assertThat(run.err())
        .isEqualTo("credentials: the keyset in stdin is not a valid Tink AEAD keyset\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void an_unknown_command_is_refused_in_one_line() {
    CliRun run = CliRun.run(NO_ENV, "rotate-everything");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.BAD_INPUT);
    assertThat(run.err())
        .isEqualTo("credentials: unknown command 'rotate-everything' (see --help)\n");
  }

  @Test
  void an_option_of_another_command_is_refused() {
    CliRun run = CliRun.run(NO_ENV, "rotate", "--dry-run");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.BAD_INPUT);
    assertThat(run.err()).isEqualTo("credentials: --dry-run applies to reseal only\n");
  }

  @Test
  void reseal_without_a_keyset_says_where_to_put_one() {
    CliRun run = CliRun.run(NO_ENV, "reseal");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.BAD_INPUT);
    assertThat(run.err())
        .isEqualTo("credentials: no keyset: set CREDENTIALS_KEYSET or pass --keyset-file FILE\n");
  }

  @Test
  void reseal_without_a_database_names_the_url_in_one_line() {
    Map<String, String> env =
        Map.of(
            "CREDENTIALS_KEYSET",
            Keyset.generate().toJson(),
            "DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:1/connector_engine");

    CliRun run = CliRun.run(env, "reseal");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.BAD_INPUT);
    assertThat(run.err())
        .startsWith("credentials: cannot connect to jdbc:postgresql://127.0.0.1:1/connector_engine")
        .hasLineCount(1);
  }

  @Test
  void a_password_in_the_database_url_is_not_printed() {
    Map<String, String> env =
        Map.of(
            "CREDENTIALS_KEYSET",
            Keyset.generate().toJson(),
            "DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:1/connector_engine?password=hunter2");

    CliRun run = CliRun.run(env, "reseal");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.BAD_INPUT);
    assertThat(run.err())
        .contains("jdbc:postgresql://127.0.0.1:1/connector_engine?...")
        .doesNotContain("hunter2");
  }

  @Test
  void reseal_refuses_a_keyset_whose_primary_key_carries_no_key_id() throws Exception {
    KeysetHandle raw =
        KeysetHandle.generateNew(
            AesGcmParameters.builder()
                .setKeySizeBytes(32)
                .setIvSizeBytes(12)
                .setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                .build());
    Map<String, String> env =
        Map.of(
            "CREDENTIALS_KEYSET",
            TinkJsonProtoKeysetFormat.serializeKeyset(raw, InsecureSecretKeyAccess.get()));

    CliRun run = CliRun.run(env, "reseal");

    assertThat(run.exitCode()).isEqualTo(CredentialsCli.BAD_INPUT);
    assertThat(run.err()).contains("primary key is RAW").contains("run rotate");
  }
}

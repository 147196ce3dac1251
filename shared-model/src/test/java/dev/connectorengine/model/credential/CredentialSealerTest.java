package dev.connectorengine.model.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialSealerTest {

  private static final String SECRET = "canary-3f9a1c";

  private final CredentialSealer sealer =
      CredentialSealer.fromKeysetJson(CredentialSealer.generateKeysetJson());
  private final UUID workspace = UUID.randomUUID();

  @Test
  void values_sealed_for_a_workspace_and_service_open_there() {
    byte[] sealed = sealer.seal(workspace, "crm", Map.of("apiKey", SECRET, "prefix", "Token"));

    assertThat(sealer.open(workspace, "crm", sealed))
        .containsExactlyInAnyOrderEntriesOf(Map.of("apiKey", SECRET, "prefix", "Token"));
  }

  @Test
  void the_sealed_bytes_do_not_contain_the_secret() {
    byte[] sealed = sealer.seal(workspace, "crm", Map.of("apiKey", SECRET));

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
  }

  @Test
  void a_ciphertext_moved_to_another_workspace_does_not_open() {
    byte[] sealed = sealer.seal(workspace, "crm", Map.of("apiKey", SECRET));

    assertThatThrownBy(() -> sealer.open(UUID.randomUUID(), "crm", sealed))
        .isInstanceOf(CredentialSealException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void a_ciphertext_moved_to_another_service_does_not_open() {
    byte[] sealed = sealer.seal(workspace, "crm", Map.of("apiKey", SECRET));

    assertThatThrownBy(() -> sealer.open(workspace, "billing", sealed))
        .isInstanceOf(CredentialSealException.class);
  }

  @Test
  void an_access_token_opens_as_such_but_never_swaps_with_the_values() {
    byte[] token = sealer.sealAccessToken(workspace, "crm", SECRET);
    byte[] values = sealer.seal(workspace, "crm", Map.of("accessToken", SECRET));

    assertThat(sealer.openAccessToken(workspace, "crm", token)).isEqualTo(SECRET);
    assertThatThrownBy(() -> sealer.open(workspace, "crm", token))
        .isInstanceOf(CredentialSealException.class);
    assertThatThrownBy(() -> sealer.openAccessToken(workspace, "crm", values))
        .isInstanceOf(CredentialSealException.class);
  }

  @Test
  void a_resealed_webhook_secret_opens_in_its_workspace_only() {
    byte[] sealed = sealer.sealWebhookSecret(workspace, SECRET);

    byte[] resealed = sealer.resealWebhookSecret(workspace, sealed);

    assertThat(resealed).isNotEqualTo(sealed);
    assertThat(sealer.openWebhookSecret(workspace, resealed)).isEqualTo(SECRET);
    assertThatThrownBy(() -> sealer.resealWebhookSecret(UUID.randomUUID(), sealed))
        .isInstanceOf(CredentialSealException.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void another_keyset_cannot_open_it() {
    byte[] sealed = sealer.seal(workspace, "crm", Map.of("apiKey", SECRET));
    CredentialSealer other = CredentialSealer.fromKeysetJson(CredentialSealer.generateKeysetJson());

    assertThatThrownBy(() -> other.open(workspace, "crm", sealed))
        .isInstanceOf(CredentialSealException.class);
  }

  @Test
  void an_invalid_keyset_is_refused_with_a_clear_message() {
    assertThatThrownBy(() -> CredentialSealer.fromKeysetJson("{\"not\": \"a keyset\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("credential keyset is not a valid Tink AEAD keyset");
  }
}

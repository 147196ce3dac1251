package dev.connectorengine.api.credential;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code PUT /api/v1/credentials/{service}}: the credential's kind and secret values.
 *
 * @param type api_key, bearer, basic or oauth2
 * @param values value name to secret; the names each type needs are fixed
 * @param expiresAt when the credential stops working, if known
 */
record CredentialRequest(
    @Schema(requiredMode = REQUIRED) String type,
    @Schema(requiredMode = REQUIRED) Map<String, String> values,
    Instant expiresAt) {

  /** Names the values but never shows them: Spring MVC logs request bodies at DEBUG. */
  @Override
  public String toString() {
    return "CredentialRequest[type="
        + type
        + ", values="
        + (values == null ? null : new TreeSet<>(values.keySet()) + " (hidden)")
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}

package dev.connectorengine.api.credential;

import java.time.Instant;
import java.util.Map;

/**
 * {@code PUT /api/v1/credentials/{service}}: the credential's kind and secret values.
 *
 * @param type api_key, bearer, basic or oauth2
 * @param values value name to secret; the names each type needs are fixed
 * @param expiresAt when the credential stops working, if known
 */
record CredentialRequest(String type, Map<String, String> values, Instant expiresAt) {}

package dev.connectorengine.credentialscli;

import java.util.List;

/**
 * A column of {@code workspace_api_credentials} holding a sealed value, and the associated data it
 * is sealed with: the workspace id and the service name plus {@code aadSuffix} (see {@code
 * CredentialSealer}), so ciphertexts of two columns cannot be swapped.
 */
record SealedColumn(String name, String aadSuffix) {

  /** The credential's values (V1). */
  static final SealedColumn VALUES = new SealedColumn("sealed_values", "");

  /** The cached oauth2 access token (V4; nullable). */
  static final SealedColumn OAUTH_ACCESS_TOKEN =
      new SealedColumn("oauth_access_token_sealed", "#access_token");

  /** Every sealed column this command knows, whether or not the schema has it yet. */
  static final List<SealedColumn> KNOWN = List.of(VALUES, OAUTH_ACCESS_TOKEN);

  /** The service name the sealer is given for this column's ciphertexts. */
  String aadService(String serviceName) {
    return serviceName + aadSuffix;
  }
}

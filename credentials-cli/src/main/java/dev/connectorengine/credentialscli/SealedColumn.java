package dev.connectorengine.credentialscli;

import dev.connectorengine.model.credential.CredentialSealer;
import java.util.List;
import java.util.UUID;

/**
 * A column holding sealed values, its table, and how a ciphertext of it is re-sealed: opened and
 * sealed again by {@code CredentialSealer} with the associated data the apps seal it with, so
 * ciphertexts of two columns or two rows cannot be swapped.
 */
record SealedColumn(SealedTable table, String name, Reseal rule) {

  /** Opens a ciphertext of the column for its row and seals it again under the primary key. */
  @FunctionalInterface
  interface Reseal {

    /**
     * @throws RuntimeException when it does not open for this row with this keyset
     */
    byte[] apply(CredentialSealer sealer, SealedRow.Identity row, byte[] sealed);
  }

  /** The credential's values (V1). */
  static final SealedColumn VALUES =
      new SealedColumn(
          SealedTable.CREDENTIALS,
          "sealed_values",
          (sealer, row, ciphertext) ->
              resealValues(sealer, row.workspaceId(), row.serviceName(), ciphertext));

  /** The cached oauth2 access token (V4; nullable). */
  static final SealedColumn OAUTH_ACCESS_TOKEN =
      new SealedColumn(
          SealedTable.CREDENTIALS,
          "oauth_access_token_sealed",
          (sealer, row, ciphertext) ->
              resealValues(
                  sealer,
                  row.workspaceId(),
                  row.serviceName() + CredentialSealer.ACCESS_TOKEN_SUFFIX,
                  ciphertext));

  /** The workspace's webhook signing secret (V7). */
  static final SealedColumn WEBHOOK_SECRET =
      new SealedColumn(
          SealedTable.WEBHOOK_SECRETS,
          "sealed_secret",
          (sealer, row, ciphertext) -> sealer.resealWebhookSecret(row.workspaceId(), ciphertext));

  /** The secret a rotation replaced (V7; nullable), sealed like the secret itself. */
  static final SealedColumn PREVIOUS_WEBHOOK_SECRET =
      new SealedColumn(
          SealedTable.WEBHOOK_SECRETS,
          "previous_sealed",
          (sealer, row, ciphertext) -> sealer.resealWebhookSecret(row.workspaceId(), ciphertext));

  /** Every sealed column this command knows, whether or not the schema has it yet. */
  static final List<SealedColumn> KNOWN =
      List.of(VALUES, OAUTH_ACCESS_TOKEN, WEBHOOK_SECRET, PREVIOUS_WEBHOOK_SECRET);

  /**
   * This column's ciphertext of {@code row}, re-sealed under the primary key.
   *
   * @throws RuntimeException when it does not open for this row with this keyset
   */
  byte[] reseal(CredentialSealer sealer, SealedRow.Identity row, byte[] sealed) {
    return rule.apply(sealer, row, sealed);
  }

  private static byte[] resealValues(
      CredentialSealer sealer, UUID workspaceId, String aadService, byte[] sealed) {
    return sealer.seal(workspaceId, aadService, sealer.open(workspaceId, aadService, sealed));
  }
}

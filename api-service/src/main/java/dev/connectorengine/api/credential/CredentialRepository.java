package dev.connectorengine.api.credential;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sealed credentials of a workspace, one per service. Sealed values are never read here. */
@Repository
class CredentialRepository {

  // A new secret starts over: active, not yet verified, no cached oauth2 token; a refresh under
  // way loses its claim, so its fenced write cannot put a token of the old secret back.
  private static final String UPSERT =
      """
      INSERT INTO workspace_api_credentials (id, workspace_id, service_name, type, sealed_values,
                                             value_names, expires_at)
      VALUES (:id, :workspaceId, :service, :type, :sealed, :valueNames::text[], :expiresAt)
      ON CONFLICT (workspace_id, service_name) DO UPDATE
         SET type = excluded.type, sealed_values = excluded.sealed_values,
             value_names = excluded.value_names, expires_at = excluded.expires_at,
             status = 'active', is_verified = false, last_verified_at = NULL, updated_at = now(),
             oauth_access_token_sealed = NULL, oauth_access_token_expires_at = NULL,
             oauth_refresh_claimed_by = NULL, oauth_refresh_claimed_until = NULL
      RETURNING (xmax = 0) AS inserted
      """;

  private static final String FIND =
      """
      SELECT service_name, type, status, value_names, expires_at, is_verified, last_verified_at,
             created_at, updated_at, last_used_at
        FROM workspace_api_credentials
       WHERE workspace_id = :workspaceId AND service_name = :service
      """;

  private static final String DELETE =
      """
      DELETE FROM workspace_api_credentials
       WHERE workspace_id = :workspaceId AND service_name = :service
      RETURNING type
      """;

  private static final String FIND_SEALED =
      """
      SELECT id, type, sealed_values
        FROM workspace_api_credentials
       WHERE workspace_id = :workspaceId AND service_name = :service
      """;

  private static final String RECORD_VERIFICATION =
      """
      UPDATE workspace_api_credentials
         SET is_verified = :verified, last_verified_at = now()
       WHERE workspace_id = :workspaceId AND service_name = :service
      """;

  private final JdbcClient jdbc;
  private final Clock clock;

  CredentialRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores the sealed values; true when the credential is new. */
  boolean upsert(
      UUID workspaceId,
      String service,
      String type,
      byte[] sealed,
      List<String> valueNames,
      Instant expiresAt) {
    return jdbc.sql(UPSERT)
        .param("id", UUID.randomUUID())
        .param("workspaceId", workspaceId)
        .param("service", service)
        .param("type", type)
        .param("sealed", sealed)
        .param("valueNames", "{" + String.join(",", valueNames) + "}")
        .param(
            "expiresAt",
            expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
        .query(Boolean.class)
        .single();
  }

  Optional<CredentialResponse> find(UUID workspaceId, String service) {
    return jdbc.sql(FIND)
        .param("workspaceId", workspaceId)
        .param("service", service)
        .query(this::map)
        .optional();
  }

  /** The sealed values of a credential, with its id and type. */
  Optional<Sealed> findSealed(UUID workspaceId, String service) {
    return jdbc.sql(FIND_SEALED)
        .param("workspaceId", workspaceId)
        .param("service", service)
        .query(
            (rs, row) ->
                new Sealed(
                    rs.getObject("id", UUID.class),
                    rs.getString("type"),
                    rs.getBytes("sealed_values")))
        .optional();
  }

  /** Records a test's outcome; false when the credential is gone. */
  boolean recordVerification(UUID workspaceId, String service, boolean verified) {
    return jdbc.sql(RECORD_VERIFICATION)
            .param("workspaceId", workspaceId)
            .param("service", service)
            .param("verified", verified)
            .update()
        == 1;
  }

  /** A credential's row as sealed. */
  record Sealed(UUID id, String type, byte[] sealedValues) {}

  /** Deletes the credential and answers its type; empty when there was none. */
  Optional<String> delete(UUID workspaceId, String service) {
    return jdbc.sql(DELETE)
        .param("workspaceId", workspaceId)
        .param("service", service)
        .query(String.class)
        .optional();
  }

  private CredentialResponse map(ResultSet rs, int row) throws SQLException {
    Instant expiresAt = instant(rs, "expires_at");
    String status = rs.getString("status");
    // Expiry is a matter of time, not of a write: an active credential past it shows expired.
    if (status.equals("active") && expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      status = "expired";
    }
    return new CredentialResponse(
        rs.getString("service_name"),
        rs.getString("type"),
        status,
        List.of((String[]) rs.getArray("value_names").getArray()),
        expiresAt,
        rs.getBoolean("is_verified"),
        instant(rs, "last_verified_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "last_used_at"));
  }
}

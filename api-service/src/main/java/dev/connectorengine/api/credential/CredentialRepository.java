package dev.connectorengine.api.credential;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.api.web.KeysetCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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

  private static final String COLUMNS =
      """
      SELECT id, service_name, type, display_name, status, value_names, expires_at, is_verified,
             last_verified_at, created_at, updated_at, last_used_at
        FROM workspace_api_credentials
       WHERE workspace_id = :workspaceId
      """;

  private static final String FIND = COLUMNS + " AND service_name = :service";

  // Expired is shown for an active credential past its expiry (see map), so the filter agrees.
  private static final String PAGE =
      COLUMNS
          + """
             AND (CAST(:status AS text) IS NULL
                  OR (CASE WHEN status = 'active' AND expires_at <= :now THEN 'expired'
                           ELSE status END) = :status)
             AND (CAST(:type AS text) IS NULL OR type = :type)
          """;

  // Only the fields given change; a change of status is what the status column says now.
  private static final String UPDATE =
      """
      UPDATE workspace_api_credentials
         SET display_name = CASE WHEN :setName THEN CAST(:displayName AS text) ELSE display_name END,
             status = coalesce(CAST(:status AS text), status), updated_at = now()
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

  /** Up to {@code limit} credentials after the cursor, newest first, with their ids. */
  List<Listed> page(UUID workspaceId, KeysetCursor after, String status, String type, int limit) {
    String sql =
        PAGE
            + (after == null ? "" : " AND (created_at, id) < (:cursorAt, :cursorId)")
            + " ORDER BY created_at DESC, id DESC LIMIT :limit";
    JdbcClient.StatementSpec statement =
        jdbc.sql(sql)
            .param("workspaceId", workspaceId)
            .param("status", status, Types.VARCHAR)
            .param("type", type, Types.VARCHAR)
            .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
            .param("limit", limit);
    if (after != null) {
      statement =
          statement
              .param("cursorAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
              .param("cursorId", after.id());
    }
    return statement
        .query((rs, row) -> new Listed(rs.getObject("id", UUID.class), map(rs, row)))
        .list();
  }

  /**
   * Changes the display name when {@code setName} (null clears it) and the status when not null;
   * false when there is no such credential.
   */
  boolean update(
      UUID workspaceId, String service, boolean setName, String displayName, String status) {
    return jdbc.sql(UPDATE)
            .param("workspaceId", workspaceId)
            .param("service", service)
            .param("setName", setName)
            .param("displayName", displayName, Types.VARCHAR)
            .param("status", status, Types.VARCHAR)
            .update()
        == 1;
  }

  /** A listed credential and its row id, which the next page's cursor needs. */
  record Listed(UUID id, CredentialResponse credential) {}

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
        rs.getString("display_name"),
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

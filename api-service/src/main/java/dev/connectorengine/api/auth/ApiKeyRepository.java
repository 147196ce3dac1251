package dev.connectorengine.api.auth;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.KeysetPages;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** API keys by hash; only the SHA-256 of a key is ever stored or compared. */
@Repository
public class ApiKeyRepository {

  private static final String INSERT =
      """
      INSERT INTO api_keys (id, workspace_id, name, prefix, key_hash, scopes, expires_at,
                            connector_ids, runs_per_day, runs_per_month)
      VALUES (:id, :workspaceId, :name, :prefix, :hash, :scopes::text[], :expiresAt,
              :connectorIds::uuid[], :runsPerDay, :runsPerMonth)
      RETURNING created_at
      """;

  // Authentication comes before the workspace is known, and row-level security shows an API
  // transaction one workspace only: this function (V3) reads the one key of a hash across them.
  private static final String FIND_ACTIVE =
      """
      SELECT id, workspace_id, key_hash, scopes, last_used_at, expires_at, connector_ids,
             runs_per_day, runs_per_month
        FROM connector_engine_active_api_key(:hash)
      """;

  // The caller skips this while the last use it read is under a minute old, so a busy key costs
  // no write per request; the condition keeps concurrent requests from all writing at once.
  private static final String TOUCH =
      """
      UPDATE api_keys SET last_used_at = now()
       WHERE id = :id AND workspace_id = :workspaceId
         AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
      """;

  private static final String LIST =
      """
      SELECT id, name, prefix, scopes, created_at, last_used_at, revoked_at, expires_at,
             connector_ids, runs_per_day, runs_per_month
        FROM api_keys
       WHERE workspace_id = :workspaceId
      """;

  private static final String FIRST_PAGE = LIST + " ORDER BY created_at DESC, id DESC LIMIT :limit";

  private static final String NEXT_PAGE =
      LIST
          + """
           AND (created_at, id) < (:cursorAt, :cursorId)
          ORDER BY created_at DESC, id DESC LIMIT :limit
          """;

  private static final String REVOKE =
      """
      UPDATE api_keys SET revoked_at = now()
       WHERE id = :id AND workspace_id = :workspaceId AND revoked_at IS NULL
      RETURNING id, name, prefix, scopes, created_at, last_used_at, revoked_at, expires_at,
                connector_ids, runs_per_day, runs_per_month
      """;

  static final String FIND = LIST + " AND id = :id";

  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new key of a workspace, one that never expires and may trigger every connector, and
   * answers when it was created.
   */
  public Instant insert(UUID id, UUID workspaceId, String name, String key, Set<Scope> scopes) {
    return insert(id, workspaceId, name, key, scopes, null, null, null, null);
  }

  /**
   * Stores a new key of a workspace and answers when it was created.
   *
   * @param expiresAt when the key stops working; null for never
   * @param connectorIds the only connectors it may trigger; null for every one
   * @param runsPerDay most runs it may trigger per UTC day; null for none of its own
   * @param runsPerMonth most runs per UTC month; null for none of its own
   */
  Instant insert(
      UUID id,
      UUID workspaceId,
      String name,
      String key,
      Set<Scope> scopes,
      Instant expiresAt,
      List<UUID> connectorIds,
      Long runsPerDay,
      Long runsPerMonth) {
    OffsetDateTime createdAt =
        jdbc.sql(INSERT)
            .param("id", id)
            .param("workspaceId", workspaceId)
            .param("name", name)
            .param("prefix", ApiKeys.prefix(key))
            .param("hash", ApiKeys.hash(key))
            .param("scopes", sqlArray(scopes))
            .param(
                "expiresAt",
                expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE)
            .param("connectorIds", uuidArray(connectorIds), Types.VARCHAR)
            .param("runsPerDay", runsPerDay, Types.BIGINT)
            .param("runsPerMonth", runsPerMonth, Types.BIGINT)
            .query(OffsetDateTime.class)
            .single();
    return createdAt.toInstant();
  }

  /**
   * The key of this hash as authentication reads it, expired or not; empty if unknown or revoked.
   */
  Optional<ActiveKey> findActive(String key) {
    byte[] hash = ApiKeys.hash(key);
    return jdbc.sql(FIND_ACTIVE)
        .param("hash", hash)
        .query(
            (rs, row) ->
                MessageDigest.isEqual(hash, rs.getBytes("key_hash"))
                    ? new ActiveKey(
                        new ApiPrincipal(
                            rs.getObject("id", UUID.class),
                            rs.getObject("workspace_id", UUID.class),
                            scopes(rs),
                            mayTrigger(rs),
                            rs.getObject("runs_per_day", Long.class),
                            rs.getObject("runs_per_month", Long.class)),
                        instant(rs, "last_used_at"),
                        instant(rs, "expires_at"))
                    : null)
        .optional();
  }

  /** Records a use; the caller's transaction must act for the key's workspace. */
  @Transactional
  void touch(ApiPrincipal principal) {
    jdbc.sql(TOUCH)
        .param("id", principal.keyId())
        .param("workspaceId", principal.workspaceId())
        .update();
  }

  /** Up to {@code limit} keys of a workspace after the cursor, newest first, revoked ones too. */
  List<ApiKeyView> page(UUID workspaceId, KeysetCursor after, int limit) {
    return KeysetPages.page(
        jdbc, FIRST_PAGE, NEXT_PAGE, workspaceId, after, limit, ApiKeyRepository::view);
  }

  Optional<ApiKeyView> find(UUID workspaceId, UUID id) {
    return jdbc.sql(FIND)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .query(ApiKeyRepository::view)
        .optional();
  }

  /** Revokes an active key of the workspace; empty when there is none such. */
  Optional<ApiKeyView> revoke(UUID workspaceId, UUID id) {
    return jdbc.sql(REVOKE)
        .param("workspaceId", workspaceId)
        .param("id", id)
        .query(ApiKeyRepository::view)
        .optional();
  }

  static ApiKeyView view(ResultSet rs, int row) throws SQLException {
    return new ApiKeyView(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("prefix"),
        sorted(scopes(rs)),
        instant(rs, "created_at"),
        instant(rs, "last_used_at"),
        instant(rs, "revoked_at"),
        instant(rs, "expires_at"),
        connectorIds(rs),
        rs.getObject("runs_per_day", Long.class),
        rs.getObject("runs_per_month", Long.class));
  }

  /** The key's connectors in the order they were given; null when it may trigger every one. */
  private static List<UUID> connectorIds(ResultSet rs) throws SQLException {
    Array ids = rs.getArray("connector_ids");
    return ids == null ? null : List.of((UUID[]) ids.getArray());
  }

  private static Set<UUID> mayTrigger(ResultSet rs) throws SQLException {
    List<UUID> ids = connectorIds(rs);
    return ids == null ? null : Set.copyOf(ids);
  }

  private static Set<Scope> scopes(ResultSet rs) throws SQLException {
    // The schema allows only known scopes; an unknown one would be dropped, never granted.
    return Arrays.stream((String[]) rs.getArray("scopes").getArray())
        .map(Scope::fromWireName)
        .flatMap(Optional::stream)
        .collect(Collectors.toUnmodifiableSet());
  }

  static List<Scope> sorted(Set<Scope> scopes) {
    return scopes.stream().sorted().toList();
  }

  private static String uuidArray(List<UUID> ids) {
    return ids == null
        ? null
        : ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
  }

  private static String sqlArray(Set<Scope> scopes) {
    return scopes.stream().map(Scope::wireName).sorted().collect(Collectors.joining(",", "{", "}"));
  }

  /**
   * An active key as authentication reads it.
   *
   * @param lastUsedAt when the key was last recorded as used, null if never
   * @param expiresAt when the key stops working, null if never
   */
  record ActiveKey(ApiPrincipal principal, Instant lastUsedAt, Instant expiresAt) {

    /** Whether the key no longer works at this instant. */
    boolean expiredAt(Instant now) {
      return expiresAt != null && !now.isBefore(expiresAt);
    }
  }
}

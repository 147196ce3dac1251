package dev.connectorengine.api.auth;

import java.security.MessageDigest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys by hash; only the SHA-256 of a key is ever stored or compared. */
@Repository
public class ApiKeyRepository {

  private static final String INSERT =
      """
      INSERT INTO api_keys (id, workspace_id, name, prefix, key_hash, scopes)
      VALUES (:id, :workspaceId, :name, :prefix, :hash, :scopes::text[])
      """;

  private static final String FIND_ACTIVE =
      """
      SELECT id, workspace_id, key_hash, scopes
        FROM api_keys
       WHERE key_hash = :hash AND revoked_at IS NULL
      """;

  // Written at most once a minute per key, so busy keys do not turn reads into row locks.
  private static final String TOUCH =
      """
      UPDATE api_keys SET last_used_at = now()
       WHERE id = :id AND workspace_id = :workspaceId
         AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
      """;

  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new key of a workspace. */
  public void insert(UUID id, UUID workspaceId, String name, String key, Set<String> scopes) {
    jdbc.sql(INSERT)
        .param("id", id)
        .param("workspaceId", workspaceId)
        .param("name", name)
        .param("prefix", ApiKeys.prefix(key))
        .param("hash", ApiKeys.hash(key))
        .param("scopes", "{" + String.join(",", scopes.stream().sorted().toList()) + "}")
        .update();
  }

  /** The caller holding this key, unless the key is unknown or revoked. */
  Optional<ApiPrincipal> findActive(String key) {
    byte[] hash = ApiKeys.hash(key);
    return jdbc.sql(FIND_ACTIVE)
        .param("hash", hash)
        .query((rs, row) -> MessageDigest.isEqual(hash, rs.getBytes("key_hash")) ? map(rs) : null)
        .optional();
  }

  void touch(ApiPrincipal principal) {
    jdbc.sql(TOUCH)
        .param("id", principal.keyId())
        .param("workspaceId", principal.workspaceId())
        .update();
  }

  private static ApiPrincipal map(ResultSet rs) throws SQLException {
    Array scopes = rs.getArray("scopes");
    return new ApiPrincipal(
        rs.getObject("id", UUID.class),
        rs.getObject("workspace_id", UUID.class),
        Set.of((String[]) scopes.getArray()));
  }
}

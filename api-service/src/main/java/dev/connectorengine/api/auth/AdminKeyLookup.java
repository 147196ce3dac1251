package dev.connectorengine.api.auth;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Finds the admin user an admin key belongs to, by the key's hash, and notes its use. */
@Repository
class AdminKeyLookup {

  private static final String FIND =
      """
      UPDATE saas_admin_users SET last_used_at = now()
       WHERE api_key_hash = :hash
      RETURNING id, role
      """;

  private final JdbcClient jdbc;

  AdminKeyLookup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<AdminPrincipal> authenticate(String key) {
    return jdbc.sql(FIND)
        .param("hash", ApiKeys.hash(key))
        .query(
            (rs, row) ->
                new AdminPrincipal(
                    rs.getObject("id", UUID.class),
                    AdminRole.fromWireName(rs.getString("role")).orElseThrow()))
        .optional();
  }
}

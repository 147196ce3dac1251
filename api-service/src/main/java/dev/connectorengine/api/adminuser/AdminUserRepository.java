package dev.connectorengine.api.adminuser;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.api.auth.ApiKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The platform's admin users ({@code saas_admin_users}); keys are stored as hashes only. */
@Repository
class AdminUserRepository {

  private static final String COLUMNS =
      "id, email, name, role, api_key_prefix, last_used_at, created_at, updated_at";

  private static final String INSERT =
      """
      INSERT INTO saas_admin_users (id, email, name, role, api_key_hash, api_key_prefix)
      VALUES (:id, :email, :name, :role, :hash, :prefix)
      RETURNING %s
      """
          .formatted(COLUMNS);

  private static final String LIST =
      "SELECT " + COLUMNS + " FROM saas_admin_users ORDER BY created_at, id";

  private static final String UPDATE =
      """
      UPDATE saas_admin_users
         SET name = coalesce(:name, name), role = coalesce(:role, role), updated_at = now()
       WHERE id = :id
      RETURNING %s
      """
          .formatted(COLUMNS);

  private static final String DELETE = "DELETE FROM saas_admin_users WHERE id = :id";

  private final JdbcClient jdbc;

  AdminUserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  AdminUserView insert(UUID id, String email, String name, String role, String key) {
    return jdbc.sql(INSERT)
        .param("id", id)
        .param("email", email)
        .param("name", name)
        .param("role", role)
        .param("hash", ApiKeys.hash(key))
        .param("prefix", ApiKeys.prefix(key))
        .query(AdminUserRepository::map)
        .single();
  }

  List<AdminUserView> list() {
    return jdbc.sql(LIST).query(AdminUserRepository::map).list();
  }

  Optional<AdminUserView> update(UUID id, String name, String role) {
    return jdbc.sql(UPDATE)
        .param("id", id)
        .param("name", name)
        .param("role", role)
        .query(AdminUserRepository::map)
        .optional();
  }

  boolean delete(UUID id) {
    return jdbc.sql(DELETE).param("id", id).update() == 1;
  }

  private static AdminUserView map(ResultSet rs, int row) throws SQLException {
    return new AdminUserView(
        rs.getObject("id", UUID.class),
        rs.getString("email"),
        rs.getString("name"),
        rs.getString("role"),
        rs.getString("api_key_prefix"),
        instant(rs, "last_used_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }
}

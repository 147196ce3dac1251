package dev.connectorengine.api.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema's side of row-level security, read from the catalogue: a table added later without it
 * fails here, and the roles the apps act as cannot step around it.
 */
class RowLevelSecurityCoverageTest {

  static final FreshDatabase DB = FreshDatabase.createMigrated();
  static final List<String> APP_ROLES = List.of("connector_engine_api", "connector_engine_worker");

  /**
   * Tables of no one workspace whose policies still read the transaction's workspace (templates:
   * public to all, written by their publishing workspace); held to forced row-level security too.
   */
  static final List<String> GLOBAL_TABLES_WITH_WORKSPACE_POLICIES = List.of("connector_templates");

  final JdbcClient owner = TestDatabase.asOwner(DB);

  @AfterAll
  static void drop() {
    DB.close();
  }

  @Test
  void every_workspace_table_has_row_level_security_enabled_and_forced() {
    List<String> tables = new ArrayList<>(workspaceTables());
    tables.addAll(GLOBAL_TABLES_WITH_WORKSPACE_POLICIES);
    assertThat(tables)
        .as("the tables found")
        .contains("workspaces", "connectors", "connector_executions", "audit_log");

    List<String> unprotected =
        owner
            .sql(
                """
                SELECT c.relname FROM pg_class c
                 WHERE c.oid = ANY(CAST(:tables AS regclass[]))
                   AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                """)
            .param("tables", tables.toArray(String[]::new))
            .query(String.class)
            .list();
    assertThat(unprotected).as("workspace tables without forced row-level security").isEmpty();
  }

  @Test
  void every_workspace_table_holds_the_api_role_to_one_workspace() {
    List<String> tables = workspaceTables();

    List<String> withPolicy =
        owner
            .sql(
                """
                SELECT tablename FROM pg_policies
                 WHERE schemaname = current_schema() AND 'connector_engine_api' = ANY(roles)
                   AND qual LIKE '%connector_engine_workspace_id()%'
                   AND with_check LIKE '%connector_engine_workspace_id()%'
                """)
            .query(String.class)
            .list();
    assertThat(withPolicy)
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(tables.stream(), GLOBAL_TABLES_WITH_WORKSPACE_POLICIES.stream())
                .toList());
  }

  @Test
  void the_app_roles_are_neither_superusers_nor_exempt_from_row_level_security() {
    List<String> exempt =
        owner
            .sql(
                """
                SELECT rolname FROM pg_roles
                 WHERE rolname IN (:roles) AND (rolsuper OR rolbypassrls)
                """)
            .param("roles", APP_ROLES)
            .query(String.class)
            .list();
    List<String> present =
        owner
            .sql("SELECT rolname FROM pg_roles WHERE rolname IN (:roles)")
            .param("roles", APP_ROLES)
            .query(String.class)
            .list();

    assertThat(present).containsExactlyInAnyOrderElementsOf(APP_ROLES);
    assertThat(exempt).isEmpty();
  }

  @Test
  void the_key_lookup_cannot_be_fooled_by_a_temporary_table_of_the_caller() throws SQLException {
    UUID workspace = UUID.randomUUID();
    owner.sql("INSERT INTO workspaces (id, name) VALUES (?, 'w')").param(workspace).update();
    try (Connection connection = DB.connect();
        Statement api = connection.createStatement()) {
      api.execute("SET ROLE connector_engine_api");
      api.execute(
          """
          CREATE TEMPORARY TABLE api_keys (id uuid, workspace_id uuid, key_hash bytea,
                                           scopes text[], last_used_at timestamptz,
                                           revoked_at timestamptz)
          """);
      api.execute(
          "INSERT INTO pg_temp.api_keys VALUES (gen_random_uuid(), '"
              + workspace
              + "', '\\x0102', '{configure}', null, null)");

      assertThat(count(api, "SELECT count(*) FROM pg_temp.api_keys")).isOne();
      assertThat(count(api, "SELECT count(*) FROM connector_engine_active_api_key('\\x0102')"))
          .isZero();
      // And the table itself stays shut to the API role without a workspace.
      assertThat(count(api, "SELECT count(*) FROM public.api_keys")).isZero();
      assertThatThrownBy(() -> api.execute("DELETE FROM public.api_keys"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied for table api_keys");
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private List<String> workspaceTables() {
    return owner
        .sql(
            """
            SELECT table_name FROM information_schema.columns
             WHERE table_schema = current_schema() AND column_name = 'workspace_id'
            UNION SELECT 'workspaces'
            """)
        .query(String.class)
        .list();
  }
}

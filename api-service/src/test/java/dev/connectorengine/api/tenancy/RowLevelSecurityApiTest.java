package dev.connectorengine.api.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row-level security, the second wall: SQL that forgot its workspace filter, run on the API's own
 * connections in the API's own transactions, still sees the request's workspace only.
 */
@ApiIntegrationTest
class RowLevelSecurityApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  /** Every workspace table, and the column that names the workspace. */
  static final Map<String, String> WORKSPACE_TABLES =
      Map.of(
          "workspaces", "id",
          "api_keys", "workspace_id",
          "workspace_api_credentials", "workspace_id",
          "connectors", "workspace_id",
          "connector_versions", "workspace_id",
          "connector_execution_stats", "workspace_id",
          "connector_executions", "workspace_id",
          "audit_log", "workspace_id");

  static UUID ours;
  static UUID theirs;
  static UUID theirConnector;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  final JdbcClient owner = TestDatabase.asOwner(DB);
  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired CurrentWorkspace current;

  /** Two workspaces with rows in every workspace table, made through the API. */
  @BeforeAll
  static void twoWorkspaces(@Autowired MockMvc mvc) {
    ApiClient api = new ApiClient(mvc);
    JdbcClient owner = TestDatabase.asOwner(DB);
    ours = populated(api, owner, "Ours").workspace();
    Populated other = populated(api, owner, "Theirs");
    theirs = other.workspace();
    theirConnector = other.connector();
  }

  @AfterEach
  void leaveTheWorkspace() {
    current.clear();
  }

  @Test
  void the_app_connects_as_the_api_role() {
    assertThat(jdbc.sql("SELECT current_user").query(String.class).single())
        .isEqualTo("connector_engine_api");
  }

  @Test
  void the_app_migrates_as_the_login_user_not_as_the_api_role() {
    assertThat(
            owner
                .sql("SELECT DISTINCT installed_by FROM flyway_schema_history")
                .query(String.class)
                .list())
        .containsExactly(DB.username());
  }

  @Test
  void a_query_without_its_workspace_filter_sees_only_the_transactions_workspace() {
    WORKSPACE_TABLES.forEach(
        (table, column) -> {
          String unfiltered = "SELECT DISTINCT " + column + " FROM " + table;
          assertThat(owner.sql(unfiltered).query(UUID.class).list())
              .as("rows of both workspaces in %s", table)
              .contains(ours, theirs);

          current.set(ours);
          assertThat(inTransaction(() -> jdbc.sql(unfiltered).query(UUID.class).list()))
              .as("what the API sees of %s", table)
              .containsExactly(ours);
        });
  }

  @Test
  void another_workspaces_row_cannot_be_changed_even_by_its_id() {
    current.set(ours);

    int updated =
        inTransaction(
            () ->
                jdbc.sql("UPDATE connectors SET name = 'taken' WHERE id = ?")
                    .param(theirConnector)
                    .update());

    assertThat(updated).isZero();
    assertThat(
            owner
                .sql("SELECT name FROM connectors WHERE id = ?")
                .param(theirConnector)
                .query(String.class)
                .single())
        .isNotEqualTo("taken");
  }

  @Test
  void an_insert_into_another_workspace_is_refused() {
    current.set(ours);

    assertThatThrownBy(
            () ->
                inTransaction(
                    () ->
                        jdbc.sql(
                                """
                                INSERT INTO connectors (id, workspace_id, name, current_version)
                                VALUES (?, ?, 'smuggled', 1)
                                """)
                            .params(UUID.randomUUID(), theirs)
                            .update()))
        .isInstanceOf(DataAccessException.class)
        .rootCause()
        .hasMessageContaining(
            "new row violates row-level security policy for table \"connectors\"");
    assertThat(
            owner
                .sql("SELECT count(*) FROM connectors WHERE name = 'smuggled'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void without_a_workspace_a_transaction_sees_no_rows() {
    WORKSPACE_TABLES.forEach(
        (table, column) ->
            assertThat(
                    inTransaction(
                        () -> jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single()))
                .as("rows of %s", table)
                .isZero());
  }

  @Test
  void a_read_outside_a_transaction_sees_no_rows_even_for_a_set_workspace() {
    current.set(ours);

    assertThat(jdbc.sql("SELECT count(*) FROM connectors").query(Long.class).single()).isZero();
  }

  @Test
  void the_workspace_of_a_request_ends_with_it() {
    ApiClient api = new ApiClient(mvc);
    String key = api.newWorkspaceKey("Passing by");

    String readOnly = api.newKey(key, "read only", "read").key();

    Answer listed = api.get("/api/v1/connectors", key);
    assertThat(listed.status()).isEqualTo(200);
    // MockMvc runs the request on this thread: nothing of it may linger for the next one.
    assertThat(current.get()).isEmpty();
    Answer refused = api.post("/api/v1/connectors", readOnly, TestConnectors.ping("refused"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(current.get()).isEmpty();
  }

  private <T> T inTransaction(Supplier<T> work) {
    return new TransactionTemplate(transactions).execute(status -> work.get());
  }

  private static Populated populated(ApiClient api, JdbcClient owner, String name) {
    String key = api.newWorkspaceKey(name);
    Answer connector = api.post("/api/v1/connectors", key, TestConnectors.ping(name + " ping"));
    assertThat(connector.status()).as(connector.toString()).isEqualTo(201);
    String connectorId = connector.json().get("id").stringValue();
    Answer triggered = api.post("/api/v1/connectors/" + connectorId + "/executions", key, Map.of());
    assertThat(triggered.status()).as(triggered.toString()).isEqualTo(202);
    Answer credential =
        api.put(
            "/api/v1/credentials/example",
            key,
            Map.of("type", "bearer", "values", Map.of("token", "t-" + name)));
    assertThat(credential.status()).as(credential.toString()).isIn(200, 201);
    UUID workspace =
        owner
            .sql("SELECT workspace_id FROM api_keys WHERE prefix = ?")
            .param(key.substring(0, 12))
            .query(UUID.class)
            .single();
    // Only workers count runs; the statistics row is the worker's write, made here by hand.
    owner
        .sql(
            """
            INSERT INTO connector_execution_stats (connector_id, slot, workspace_id,
                                                   total_executions)
            VALUES (?::uuid, 0, ?, 1)
            """)
        .params(connectorId, workspace)
        .update();
    return new Populated(workspace, UUID.fromString(connectorId));
  }

  private record Populated(UUID workspace, UUID connector) {}
}

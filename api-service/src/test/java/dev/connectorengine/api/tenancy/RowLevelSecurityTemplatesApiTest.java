package dev.connectorengine.api.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row-level security of the templates (global, V11) on the API's own connections: public ones are
 * visible to all, a private one to its workspace; community ones are written by their workspace,
 * official ones by the admin path (no workspace, the platform-admin setting) only.
 */
@ApiIntegrationTest
class RowLevelSecurityTemplatesApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();
  static final UUID OURS = UUID.randomUUID();
  static final UUID THEIRS = UUID.randomUUID();
  static final UUID OUR_PRIVATE = UUID.randomUUID();
  static final UUID THEIR_PRIVATE = UUID.randomUUID();
  static final UUID THEIR_PUBLIC = UUID.randomUUID();
  static final UUID OFFICIAL = UUID.fromString("6f1c2a0e-0000-4000-8000-000000000001");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired CurrentWorkspace current;
  @Autowired TransactionAdmin admin;

  @BeforeAll
  static void templatesOfTwoWorkspaces(@Autowired JdbcClient ignored) {
    JdbcClient owner = TestDatabase.asOwner(DB);
    owner
        .sql("INSERT INTO workspaces (id, name) VALUES (?, 'ours'), (?, 'theirs')")
        .params(OURS, THEIRS)
        .update();
    community(owner, OUR_PRIVATE, "our private", OURS, false);
    community(owner, THEIR_PRIVATE, "their private", THEIRS, false);
    community(owner, THEIR_PUBLIC, "their public", THEIRS, true);
    owner
        .sql("INSERT INTO template_ratings (template_id, workspace_id, stars) VALUES (?, ?, 4)")
        .params(THEIR_PUBLIC, THEIRS)
        .update();
  }

  @AfterEach
  void leave() {
    current.clear();
  }

  @Test
  void a_query_without_a_filter_sees_the_public_templates_and_the_workspaces_own() {
    current.set(OURS);

    var seen =
        inTransaction(
            () -> jdbc.sql("SELECT id FROM connector_templates").query(UUID.class).list());

    assertThat(seen).contains(OUR_PRIVATE, THEIR_PUBLIC, OFFICIAL).doesNotContain(THEIR_PRIVATE);
  }

  @Test
  void a_workspace_cannot_change_or_delete_another_workspaces_template_or_an_official_one() {
    current.set(OURS);

    int changed =
        inTransaction(
            () ->
                jdbc.sql("UPDATE connector_templates SET name = name || '!' WHERE id IN (?, ?, ?)")
                    .params(THEIR_PUBLIC, THEIR_PRIVATE, OFFICIAL)
                    .update());
    int deleted =
        inTransaction(
            () ->
                jdbc.sql("DELETE FROM connector_templates WHERE id IN (?, ?, ?)")
                    .params(THEIR_PUBLIC, THEIR_PRIVATE, OFFICIAL)
                    .update());
    int own =
        inTransaction(
            () ->
                jdbc.sql("UPDATE connector_templates SET icon = 'star' WHERE id = ?")
                    .param(OUR_PRIVATE)
                    .update());

    assertThat(changed).isZero();
    assertThat(deleted).isZero();
    assertThat(own).isOne();
  }

  @Test
  void a_workspace_cannot_insert_an_official_template_or_one_for_another_workspace() {
    current.set(OURS);

    for (String values : new String[] {"true, NULL", "false, '" + THEIRS + "'"}) {
      assertThatThrownBy(
              () ->
                  inTransaction(
                      () ->
                          jdbc.sql(
                                  "INSERT INTO connector_templates (id, name, steps, timeout_ms,"
                                      + " max_retries, is_official, published_by_workspace)"
                                      + " VALUES (gen_random_uuid(), 'smuggled', '[]', 1000, 0, "
                                      + values
                                      + ")")
                              .update()))
          .isInstanceOf(DataAccessException.class)
          .rootCause()
          .hasMessageContaining("row-level security policy for table \"connector_templates\"");
    }
  }

  @Test
  void the_admin_setting_lets_a_transaction_without_a_workspace_write_official_templates_only() {
    int official =
        inTransaction(
            () -> {
              admin.enter();
              return jdbc.sql("UPDATE connector_templates SET icon = 'x' WHERE id = ?")
                  .param(OFFICIAL)
                  .update();
            });
    int community =
        inTransaction(
            () -> {
              admin.enter();
              return jdbc.sql("UPDATE connector_templates SET icon = 'x' WHERE id = ?")
                  .param(THEIR_PUBLIC)
                  .update();
            });
    int withoutTheSetting =
        inTransaction(
            () ->
                jdbc.sql("UPDATE connector_templates SET icon = 'y' WHERE id = ?")
                    .param(OFFICIAL)
                    .update());

    assertThat(official).isOne();
    assertThat(community).isZero();
    assertThat(withoutTheSetting).isZero();
  }

  @Test
  void the_admin_setting_grants_nothing_inside_a_workspace() {
    current.set(OURS);

    int changed =
        inTransaction(
            () -> {
              admin.enter();
              return jdbc.sql("UPDATE connector_templates SET icon = 'z' WHERE id = ?")
                  .param(OFFICIAL)
                  .update();
            });

    assertThat(changed).isZero();
  }

  @Test
  void another_workspaces_ratings_are_invisible() {
    current.set(OURS);

    long ratings =
        inTransaction(
            () -> jdbc.sql("SELECT count(*) FROM template_ratings").query(Long.class).single());

    assertThat(ratings).isZero();
  }

  private <T> T inTransaction(Supplier<T> work) {
    return new TransactionTemplate(transactions).execute(status -> work.get());
  }

  private static void community(
      JdbcClient owner, UUID id, String name, UUID workspace, boolean isPublic) {
    owner
        .sql(
            """
            INSERT INTO connector_templates (id, name, steps, timeout_ms, max_retries, is_official,
                                             is_public, published_by_workspace)
            VALUES (?, ?, '[]', 1000, 0, false, ?, ?)
            """)
        .params(id, name, isPublic, workspace)
        .update();
  }
}

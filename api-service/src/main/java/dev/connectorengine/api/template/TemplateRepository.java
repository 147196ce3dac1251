package dev.connectorengine.api.template;

import static dev.connectorengine.model.jdbc.SqlInstants.instant;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The templates catalogue. Every read also says which rows it means (public, or the caller's own),
 * as row-level security does; the counters are kept by the database (V11's triggers and usage
 * function).
 */
@Repository
class TemplateRepository {

  private static final TypeReference<List<StepSpec>> STEPS = new TypeReference<>() {};

  private static final String COLUMNS =
      """
      t.id, t.name, t.description, t.icon, t.category, t.steps, t.input_schema, t.field_mappings,
      t.timeout_ms, t.max_retries, t.continue_on_error, t.required_credentials, t.is_official,
      t.is_featured, t.is_public, t.install_count, t.rating_sum, t.rating_count, t.tags,
      coalesce(t.published_by_workspace, t.published_by_admin) AS published_by, t.created_at,
      t.updated_at
      """;

  // A workspace sees public templates and its own; the admin path (no workspace) passes null.
  private static final String VISIBLE =
      "(CAST(:workspaceId AS uuid) IS NULL OR t.is_public"
          + " OR t.published_by_workspace = CAST(:workspaceId AS uuid))";

  private static final String FIND =
      "SELECT " + COLUMNS + " FROM connector_templates t WHERE t.id = :id AND " + VISIBLE;

  private static final String SEARCH =
      "SELECT "
          + COLUMNS
          + " FROM connector_templates t WHERE "
          + VISIBLE
          + """
           AND (CAST(:q AS text) IS NULL OR t.name ILIKE :q ESCAPE '\\'
                OR t.description ILIKE :q ESCAPE '\\' OR t.category ILIKE :q ESCAPE '\\')
           AND (CAST(:category AS text) IS NULL OR lower(t.category) = lower(:category))
           AND (CAST(:tag AS text) IS NULL OR t.tags @> ARRAY[CAST(:tag AS text)])
           AND (CAST(:official AS boolean) IS NULL OR t.is_official = :official)
           AND (CAST(:featured AS boolean) IS NULL OR t.is_featured = :featured)
          """;

  private static final String INSERT =
      """
      INSERT INTO connector_templates (id, name, description, icon, category, steps, input_schema,
                                       field_mappings, timeout_ms, max_retries, continue_on_error,
                                       required_credentials, is_official, is_featured, is_public,
                                       tags, published_by_workspace, published_by_admin,
                                       source_connector_id)
      VALUES (:id, :name, :description, :icon, :category, :steps::jsonb, :inputSchema::jsonb,
              :fieldMappings::jsonb, :timeoutMs, :maxRetries, :continueOnError,
              :requiredCredentials, :official, :featured, :public, :tags, :workspaceId, :adminId,
              :sourceConnectorId)
      """;

  // Community templates are changed by their workspace only; official ones (workspace null) by
  // the admin path only.
  private static final String OWNED =
      """
       WHERE id = :id
         AND ((CAST(:workspaceId AS uuid) IS NULL AND is_official)
              OR (NOT is_official AND published_by_workspace = CAST(:workspaceId AS uuid)))
      """;

  private static final String UPDATE_ENTRY =
      """
      UPDATE connector_templates
         SET name = coalesce(:name, name), description = coalesce(:description, description),
             icon = coalesce(:icon, icon), category = coalesce(:category, category),
             tags = coalesce(CAST(:tags AS text[]), tags), is_public = coalesce(:public, is_public),
             is_featured = coalesce(:featured, is_featured), updated_at = now()
      """
          + OWNED;

  private static final String UPDATE_SPEC =
      """
      UPDATE connector_templates
         SET steps = :steps::jsonb, input_schema = :inputSchema::jsonb,
             field_mappings = :fieldMappings::jsonb, timeout_ms = :timeoutMs,
             max_retries = :maxRetries, continue_on_error = :continueOnError,
             required_credentials = :requiredCredentials, updated_at = now()
      """
          + OWNED;

  private static final String DELETE = "DELETE FROM connector_templates" + OWNED;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  TemplateRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A template the workspace may see (null: the admin path, which sees every one). */
  Optional<TemplateView> find(UUID workspaceId, UUID id) {
    return jdbc.sql(FIND)
        .param("id", id)
        .param("workspaceId", workspaceId)
        .query(this::map)
        .optional();
  }

  List<TemplateView> search(UUID workspaceId, TemplateQuery query) {
    String like = query.q() == null ? null : "%" + escapeLike(query.q()) + "%";
    return jdbc.sql(
            SEARCH
                + " ORDER BY t.is_featured DESC, "
                + query.sort().orderBy
                + " LIMIT :limit OFFSET :offset")
        .param("workspaceId", workspaceId)
        .param("q", like)
        .param("category", query.category())
        .param("tag", query.tag())
        .param("official", query.official())
        .param("featured", query.featured())
        .param("limit", query.limit())
        .param("offset", query.offset())
        .query(this::map)
        .list();
  }

  void insert(NewTemplate template) {
    ConnectorSpec spec = template.spec();
    specParams(jdbc.sql(INSERT), spec, template.requiredCredentials())
        .param("id", template.id())
        .param("name", template.name())
        .param("description", template.description())
        .param("icon", template.icon())
        .param("category", template.category())
        .param("official", template.workspaceId() == null)
        .param("featured", template.featured())
        .param("public", template.isPublic())
        .param("tags", SqlArrays.text(template.tags()))
        .param("workspaceId", template.workspaceId())
        .param("adminId", template.adminId())
        .param("sourceConnectorId", template.sourceConnectorId())
        .update();
  }

  /** Changes the given catalogue fields; false when the caller may not change this template. */
  boolean updateEntry(UUID workspaceId, UUID id, TemplatePatch patch) {
    return jdbc.sql(UPDATE_ENTRY)
            .param("id", id)
            .param("workspaceId", workspaceId)
            .param("name", patch.name())
            .param("description", patch.description())
            .param("icon", patch.icon())
            .param("category", patch.category())
            .param("tags", SqlArrays.text(patch.tags()))
            .param("public", patch.isPublic())
            .param("featured", patch.isFeatured())
            .update()
        == 1;
  }

  boolean updateSpec(UUID workspaceId, UUID id, ConnectorSpec spec, List<String> required) {
    return specParams(jdbc.sql(UPDATE_SPEC), spec, required)
            .param("id", id)
            .param("workspaceId", workspaceId)
            .update()
        == 1;
  }

  boolean delete(UUID workspaceId, UUID id) {
    return jdbc.sql(DELETE).param("id", id).param("workspaceId", workspaceId).update() == 1;
  }

  private JdbcClient.StatementSpec specParams(
      JdbcClient.StatementSpec statement, ConnectorSpec spec, List<String> required) {
    return statement
        .param("steps", json.writeValueAsString(spec.steps()))
        .param("inputSchema", spec.inputSchema() == null ? null : spec.inputSchema().toString())
        .param(
            "fieldMappings", spec.fieldMappings() == null ? null : spec.fieldMappings().toString())
        .param("timeoutMs", spec.timeoutMs())
        .param("maxRetries", spec.maxRetries())
        .param("continueOnError", spec.continueOnError())
        .param("requiredCredentials", SqlArrays.text(required));
  }

  private TemplateView map(ResultSet rs, int row) throws SQLException {
    long ratingCount = rs.getLong("rating_count");
    return new TemplateView(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("icon"),
        rs.getString("category"),
        json.readValue(rs.getString("steps"), STEPS),
        tree(rs.getString("input_schema")),
        tree(rs.getString("field_mappings")),
        rs.getInt("timeout_ms"),
        rs.getInt("max_retries"),
        rs.getBoolean("continue_on_error"),
        strings(rs.getArray("required_credentials")),
        rs.getBoolean("is_official"),
        rs.getBoolean("is_featured"),
        rs.getBoolean("is_public"),
        0,
        rs.getLong("install_count"),
        ratingCount == 0 ? null : (double) rs.getLong("rating_sum") / ratingCount,
        ratingCount,
        strings(rs.getArray("tags")),
        rs.getObject("published_by", UUID.class),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private JsonNode tree(String text) {
    return text == null ? null : json.readTree(text);
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /**
   * A template to write: community when {@code workspaceId} is set, official otherwise.
   *
   * @param adminId the admin user publishing an official one, null for the admin token
   */
  record NewTemplate(
      UUID id,
      String name,
      String description,
      String icon,
      String category,
      ConnectorSpec spec,
      List<String> requiredCredentials,
      boolean isPublic,
      boolean featured,
      List<String> tags,
      UUID workspaceId,
      UUID adminId,
      UUID sourceConnectorId) {}
}

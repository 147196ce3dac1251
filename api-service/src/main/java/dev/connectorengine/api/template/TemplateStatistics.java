package dev.connectorengine.api.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What workspaces make of templates: their ratings, and the runs of connectors installed. */
@Repository
class TemplateStatistics {

  private static final String USAGE =
      "SELECT template_id, usage_count FROM connector_engine_template_usage(CAST(:ids AS uuid[]))";

  private static final String RATE =
      """
      INSERT INTO template_ratings (template_id, workspace_id, stars) VALUES (:id, :workspaceId, :stars)
      ON CONFLICT (template_id, workspace_id)
      DO UPDATE SET stars = EXCLUDED.stars, updated_at = now()
      """;

  private final JdbcClient jdbc;

  TemplateStatistics(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Runs of the connectors installed from each of these templates. */
  Map<UUID, Long> usage(List<UUID> ids) {
    Map<UUID, Long> usage = new HashMap<>();
    jdbc.sql(USAGE)
        .param("ids", SqlArrays.uuid(ids))
        .query(
            rs -> {
              usage.put(rs.getObject("template_id", UUID.class), rs.getLong("usage_count"));
            });
    return usage;
  }

  /** Records the workspace's rating of a template, replacing an earlier one. */
  void rate(UUID workspaceId, UUID id, int stars) {
    jdbc.sql(RATE).param("id", id).param("workspaceId", workspaceId).param("stars", stars).update();
  }
}

package dev.connectorengine.api.usage;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run counts per workspace and UTC day and month, and the limits a workspace's settings set. All in
 * the caller's transaction, whose workspace row-level security holds it to.
 */
@Repository
class UsageRepository {

  private static final String ADD =
      """
      UPDATE workspace_usage SET runs = runs + :runs
       WHERE workspace_id = :workspaceId
         AND ((period = 'day' AND period_start = :day) OR (period = 'month' AND period_start = :month))
      RETURNING period, runs
      """;

  // A period's first count starts from the runs already in it (this transaction's included).
  private static final String START =
      """
      INSERT INTO workspace_usage (workspace_id, period, period_start, runs)
      SELECT :workspaceId, :period, :start,
             (SELECT count(*) FROM connector_executions e
               WHERE e.workspace_id = :workspaceId AND e.created_at >= :startAt)
      ON CONFLICT (workspace_id, period, period_start)
         DO UPDATE SET runs = workspace_usage.runs + :runs
      RETURNING runs
      """;

  private static final String COUNTED =
      """
      SELECT runs FROM workspace_usage
       WHERE workspace_id = :workspaceId AND period = :period AND period_start = :start
      """;

  private static final String COUNT_RUNS =
      """
      SELECT count(*) FROM connector_executions
       WHERE workspace_id = :workspaceId AND created_at >= :startAt
      """;

  private final JdbcClient jdbc;
  private final JsonMapper json;

  UsageRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Adds {@code runs} to the day's and the month's counts; the new totals by period. */
  Map<String, Long> add(UUID workspaceId, UsagePeriods periods, int runs) {
    Map<String, Long> totals = new HashMap<>();
    jdbc.sql(ADD)
        .param("runs", runs)
        .param("workspaceId", workspaceId)
        .param("day", Date.valueOf(periods.day()))
        .param("month", Date.valueOf(periods.month()))
        .query((rs, row) -> totals.put(rs.getString("period"), rs.getLong("runs")))
        .list();
    if (!totals.containsKey("day")) {
      totals.put("day", start(workspaceId, "day", periods.day(), periods, runs));
    }
    if (!totals.containsKey("month")) {
      totals.put("month", start(workspaceId, "month", periods.month(), periods, runs));
    }
    return totals;
  }

  /** The runs of a period: its counter where the workspace is counted, else its executions. */
  long runs(UUID workspaceId, String period, UsagePeriods periods) {
    java.time.LocalDate start = period.equals("day") ? periods.day() : periods.month();
    Optional<Long> counted =
        jdbc.sql(COUNTED)
            .param("workspaceId", workspaceId)
            .param("period", period)
            .param("start", Date.valueOf(start))
            .query(Long.class)
            .optional();
    return counted.orElseGet(
        () ->
            jdbc.sql(COUNT_RUNS)
                .param("workspaceId", workspaceId)
                .param("startAt", Timestamp.from(startOf(period, periods)))
                .query(Long.class)
                .single());
  }

  /** The workspace's run limits; none set when it sets none. */
  RunLimits limits(UUID workspaceId) {
    String settings =
        jdbc.sql("SELECT settings::text FROM workspaces WHERE id = :id")
            .param("id", workspaceId)
            .query(String.class)
            .optional()
            .orElse("{}");
    JsonNode node = json.readTree(settings);
    return new RunLimits(number(node, "runsPerDay"), number(node, "runsPerMonth"));
  }

  private long start(
      UUID workspaceId, String period, java.time.LocalDate start, UsagePeriods periods, int runs) {
    return jdbc.sql(START)
        .param("workspaceId", workspaceId)
        .param("period", period)
        .param("start", Date.valueOf(start))
        .param("startAt", Timestamp.from(startOf(period, periods)))
        .param("runs", runs)
        .query(Long.class)
        .single();
  }

  private static java.time.Instant startOf(String period, UsagePeriods periods) {
    return period.equals("day") ? periods.dayStart() : periods.monthStart();
  }

  private static Long number(JsonNode settings, String name) {
    JsonNode value = settings.get(name);
    return value == null || !value.isNumber() ? null : value.longValue();
  }

  /**
   * A workspace's run limits.
   *
   * @param perDay most runs per UTC day, or null for none
   * @param perMonth most runs per UTC month, or null for none
   */
  record RunLimits(Long perDay, Long perMonth) {

    boolean none() {
      return perDay == null && perMonth == null;
    }
  }
}

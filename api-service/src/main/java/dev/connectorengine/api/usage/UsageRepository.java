package dev.connectorengine.api.usage;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Run counts per UTC day and month, of workspaces and of API keys with limits, and the limits a
 * workspace's settings set. All in the caller's transaction, whose workspace row-level security
 * holds it to. Both counters are one rule: an upsert of the period's row, whose lock makes
 * concurrent triggers see each other's counts.
 */
@Repository
class UsageRepository {

  private static final String ADD =
      """
      UPDATE %1$s SET runs = runs + :runs
       WHERE %2$s = :id
         AND ((period = 'day' AND period_start = :day) OR (period = 'month' AND period_start = :month))
      RETURNING period, runs
      """;

  // A period's first count starts from its seed: for a workspace, the runs already in it (this
  // transaction's included); for a key, which executions do not name, this transaction's runs.
  private static final String START =
      """
      INSERT INTO %1$s (%3$s, period, period_start, runs)
      SELECT %4$s, :period, :start, %5$s
      ON CONFLICT (%2$s, period, period_start)
         DO UPDATE SET runs = %1$s.runs + :runs
      RETURNING runs
      """;

  private static final String COUNTED =
      """
      SELECT runs FROM %1$s
       WHERE %2$s = :id AND period = :period AND period_start = :start
      """;

  private static final String COUNT_RUNS =
      """
      SELECT count(*) FROM connector_executions
       WHERE workspace_id = :workspaceId AND created_at >= :startAt
      """;

  /** What is counted: a workspace's runs (V18), or an API key's (V19). */
  enum Counter {
    WORKSPACE("workspace_usage", "workspace_id", "workspace_id", ":id", "(" + COUNT_RUNS + ")"),
    API_KEY(
        "api_key_usage", "api_key_id", "api_key_id, workspace_id", ":id, :workspaceId", ":runs");

    private final String add;
    private final String start;
    private final String counted;

    Counter(String table, String key, String columns, String values, String seed) {
      this.add = ADD.formatted(table, key);
      this.start = START.formatted(table, key, columns, values, seed);
      this.counted = COUNTED.formatted(table, key);
    }
  }

  private final JdbcClient jdbc;
  private final JsonMapper json;

  UsageRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Adds {@code runs} to the day's and the month's counts of a workspace ({@code id} is the
   * workspace's) or of a key of it; the new totals by period.
   */
  Map<String, Long> add(
      Counter counter, UUID id, UUID workspaceId, UsagePeriods periods, int runs) {
    Map<String, Long> totals = new HashMap<>();
    jdbc.sql(counter.add)
        .param("runs", runs)
        .param("id", id)
        .param("day", Date.valueOf(periods.day()))
        .param("month", Date.valueOf(periods.month()))
        .query((rs, row) -> totals.put(rs.getString("period"), rs.getLong("runs")))
        .list();
    for (String period : List.of("day", "month")) {
      if (!totals.containsKey(period)) {
        totals.put(
            period,
            jdbc.sql(counter.start)
                .param("id", id)
                .param("workspaceId", workspaceId)
                .param("period", period)
                .param("start", Date.valueOf(periods.start(period)))
                .param("startAt", Timestamp.from(periods.startAt(period)))
                .param("runs", runs)
                .query(Long.class)
                .single());
      }
    }
    return totals;
  }

  /**
   * The runs of a period: its counter where counted; else a workspace's executions, and a key's
   * none (a key is counted from when it has limits).
   */
  long runs(Counter counter, UUID id, String period, UsagePeriods periods) {
    Optional<Long> counted =
        jdbc.sql(counter.counted)
            .param("id", id)
            .param("period", period)
            .param("start", Date.valueOf(periods.start(period)))
            .query(Long.class)
            .optional();
    if (counted.isPresent() || counter == Counter.API_KEY) {
      return counted.orElse(0L);
    }
    return jdbc.sql(COUNT_RUNS)
        .param("workspaceId", id)
        .param("startAt", Timestamp.from(periods.startAt(period)))
        .query(Long.class)
        .single();
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

  private static Long number(JsonNode settings, String name) {
    JsonNode value = settings.get(name);
    return value == null || !value.isNumber() ? null : value.longValue();
  }

  /**
   * A workspace's or a key's run limits.
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

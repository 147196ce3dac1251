package dev.connectorengine.api.workspace;

import dev.connectorengine.api.usage.RunLimitRules;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace's own limits and overrides; an absent one takes the platform's setting.
 *
 * @param runsPerDay most runs the workspace may trigger per UTC day
 * @param runsPerMonth most runs per UTC month
 * @param maxConcurrentRuns most of its runs running at once
 * @param executionRetentionDays how long its executions are kept
 * @param requestLogRetentionDays how long its request logs are kept
 * @param auditRetentionDays how long its audit rows are kept
 */
record WorkspaceSettings(
    Long runsPerDay,
    Long runsPerMonth,
    Integer maxConcurrentRuns,
    Integer executionRetentionDays,
    Integer requestLogRetentionDays,
    Integer auditRetentionDays) {

  private static final int MAX_CONCURRENT = 100_000;
  private static final int MAX_RETENTION_DAYS = 3_650;

  /** Every out-of-range value, named {@code settings.<name>}. */
  List<SpecViolation> violations() {
    List<SpecViolation> violations =
        new ArrayList<>(RunLimitRules.violations("settings.", runsPerDay, runsPerMonth));
    range(violations, "maxConcurrentRuns", maxConcurrentRuns, 1, MAX_CONCURRENT);
    range(violations, "executionRetentionDays", executionRetentionDays, 1, MAX_RETENTION_DAYS);
    range(violations, "requestLogRetentionDays", requestLogRetentionDays, 1, MAX_RETENTION_DAYS);
    range(violations, "auditRetentionDays", auditRetentionDays, 1, MAX_RETENTION_DAYS);
    return violations;
  }

  private static void range(
      List<SpecViolation> violations, String name, Number value, long min, long max) {
    if (value != null && (value.longValue() < min || value.longValue() > max)) {
      violations.add(
          new SpecViolation(
              "settings." + name, "must be between " + min + " and " + max + ", was " + value));
    }
  }
}

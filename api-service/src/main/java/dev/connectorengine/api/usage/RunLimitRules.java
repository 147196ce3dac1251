package dev.connectorengine.api.usage;

import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pair of run limits may be, for a workspace's settings and for an API key alike: each 0 to
 * {@value #MAX_RUNS} or absent, and the day's no more than the month's.
 */
public final class RunLimitRules {

  public static final long MAX_RUNS = 1_000_000_000_000L;

  private RunLimitRules() {}

  /**
   * Every problem of the pair, each named {@code <prefix>runsPerDay} or {@code
   * <prefix>runsPerMonth}.
   */
  public static List<SpecViolation> violations(String prefix, Long runsPerDay, Long runsPerMonth) {
    List<SpecViolation> violations = new ArrayList<>();
    range(violations, prefix + "runsPerDay", runsPerDay);
    range(violations, prefix + "runsPerMonth", runsPerMonth);
    if (runsPerDay != null && runsPerMonth != null && runsPerDay > runsPerMonth) {
      violations.add(
          new SpecViolation(prefix + "runsPerDay", "must not be more than runsPerMonth"));
    }
    return violations;
  }

  private static void range(List<SpecViolation> violations, String name, Long value) {
    if (value != null && (value < 0 || value > MAX_RUNS)) {
      violations.add(
          new SpecViolation(name, "must be between 0 and " + MAX_RUNS + ", was " + value));
    }
  }
}

package dev.connectorengine.api.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connectorengine.api.usage.UsageRepository.RunLimits;
import dev.connectorengine.api.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspaces' run limits per UTC day and month ({@code runsPerDay}, {@code runsPerMonth} in
 * their settings), charged in the transaction that writes the runs: over a limit, the trigger
 * answers 429 naming the limit, the period and when it resets, and its transaction (runs included)
 * rolls back. A workspace's limits are read at most once a second per API instance; its counts are
 * never kept in memory.
 */
@Component
public class UsageLimits {

  private static final Duration LIMITS_FRESH_FOR = Duration.ofSeconds(1);
  private static final int CACHED_WORKSPACES = 10_000;

  private final UsageRepository usage;
  private final Clock clock;
  private final Cache<UUID, RunLimits> limits =
      Caffeine.newBuilder()
          .maximumSize(CACHED_WORKSPACES)
          .expireAfterWrite(LIMITS_FRESH_FOR)
          .build();

  UsageLimits(UsageRepository usage, Clock clock) {
    this.usage = usage;
    this.clock = clock;
  }

  /**
   * Counts {@code runs} new runs of the workspace, in the caller's transaction.
   *
   * @throws ApiException 429 when the day's or the month's limit would be passed
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void charge(UUID workspaceId, int runs) {
    RunLimits set = limitsOf(workspaceId);
    if (set.none() || runs == 0) {
      return;
    }
    UsagePeriods periods = UsagePeriods.at(clock.instant());
    Map<String, Long> totals = usage.add(workspaceId, periods, runs);
    requireWithin("runsPerDay", "day", set.perDay(), totals.get("day"), periods.dayResets());
    requireWithin(
        "runsPerMonth", "month", set.perMonth(), totals.get("month"), periods.monthResets());
  }

  /** The workspace's limits as triggers see them now. */
  @Transactional(propagation = Propagation.MANDATORY)
  RunLimits limitsOf(UUID workspaceId) {
    return limits.get(workspaceId, usage::limits);
  }

  private void requireWithin(String limit, String period, Long max, long total, Instant resetsAt) {
    if (max == null || total <= max) {
      return;
    }
    long seconds = Math.max(1, Duration.between(clock.instant(), resetsAt).toSeconds());
    throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        "the workspace's limit of "
            + max
            + " runs per "
            + period
            + " (UTC) is reached; it resets at "
            + resetsAt,
        List.of(),
        Map.of("limit", limit, "period", period, "max", max, "resetsAt", resetsAt.toString()),
        Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
  }
}

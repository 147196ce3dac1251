package dev.connectorengine.api.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.usage.UsageRepository.Counter;
import dev.connectorengine.api.usage.UsageRepository.RunLimits;
import dev.connectorengine.api.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The run limits per UTC day and month of workspaces ({@code runsPerDay}, {@code runsPerMonth} in
 * their settings) and of API keys (their own {@code runsPerDay}, {@code runsPerMonth}), charged in
 * the transaction that writes the runs: over a limit, the trigger answers 429 naming the limit
 * ({@code runsPerDay}, or {@code apiKey.runsPerDay} for the key's), the period and when it resets,
 * and its transaction (runs and counts included) rolls back. A workspace's limits are read at most
 * once a second per API instance; its counts are never kept in memory.
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
   * Counts {@code runs} new runs of the caller's workspace, and of the caller's key when it has
   * limits of its own, in the caller's transaction.
   *
   * @throws ApiException 429 when the workspace's or the key's day or month limit would be passed
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void charge(ApiPrincipal caller, int runs) {
    RunLimits workspace = limitsOf(caller.workspaceId());
    RunLimits key = keyLimits(caller);
    if (runs == 0 || (workspace.none() && key.none())) {
      return;
    }
    UsagePeriods periods = UsagePeriods.at(clock.instant());
    if (!workspace.none()) {
      Map<String, Long> totals =
          usage.add(Counter.WORKSPACE, caller.workspaceId(), caller.workspaceId(), periods, runs);
      requireWithin("", "the workspace's", workspace, totals, periods, Map.of());
    }
    if (!key.none()) {
      Map<String, Long> totals =
          usage.add(Counter.API_KEY, caller.keyId(), caller.workspaceId(), periods, runs);
      requireWithin(
          "apiKey.",
          "this API key's",
          key,
          totals,
          periods,
          Map.of("apiKeyId", caller.keyId().toString()));
    }
  }

  /** The key's own limits, as read with the key for this request. */
  static RunLimits keyLimits(ApiPrincipal caller) {
    return new RunLimits(caller.runsPerDay(), caller.runsPerMonth());
  }

  /** The workspace's limits as triggers see them now. */
  @Transactional(propagation = Propagation.MANDATORY)
  RunLimits limitsOf(UUID workspaceId) {
    return limits.get(workspaceId, usage::limits);
  }

  private void requireWithin(
      String prefix,
      String whose,
      RunLimits set,
      Map<String, Long> totals,
      UsagePeriods periods,
      Map<String, Object> more) {
    for (String period : List.of("day", "month")) {
      Long max = period.equals("day") ? set.perDay() : set.perMonth();
      long total = totals.get(period);
      if (max != null && total > max) {
        throw overLimit(
            prefix + (period.equals("day") ? "runsPerDay" : "runsPerMonth"),
            whose,
            period,
            max,
            periods.resetsAt(period),
            more);
      }
    }
  }

  private ApiException overLimit(
      String limit,
      String whose,
      String period,
      long max,
      Instant resetsAt,
      Map<String, Object> more) {
    long seconds = Math.max(1, Duration.between(clock.instant(), resetsAt).toSeconds());
    Map<String, Object> properties = new LinkedHashMap<>(more);
    properties.putAll(
        Map.of("limit", limit, "period", period, "max", max, "resetsAt", resetsAt.toString()));
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        whose
            + " limit of "
            + max
            + " runs per "
            + period
            + " (UTC) is reached; it resets at "
            + resetsAt,
        List.of(),
        properties,
        Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
  }
}

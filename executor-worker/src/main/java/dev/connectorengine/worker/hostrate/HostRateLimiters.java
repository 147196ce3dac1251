package dev.connectorengine.worker.hostrate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connectorengine.model.outbound.OutboundPermits;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Paces this worker's calls to each rate-limited host: one resilience4j {@link AtomicRateLimiter}
 * per host, made when the host is first called (at most {@value #MAX_HOSTS}, idle ones forgotten),
 * letting one permit through every {@code 1/rate} seconds, the cluster's pace. Each call takes as
 * many permits as there are live workers, so each worker makes {@code rate / live workers} calls a
 * second, and together about the host's rate: approximate while workers come and go, the count
 * being a few seconds old. A worker's share is never below {@value #MIN_WORKER_RATE} a second. A
 * step call reserves its permit and waits itself, as only it knows how its run stops; a token call
 * waits in {@link #await}.
 */
public final class HostRateLimiters implements OutboundPermits {

  // How often a token call's wait asks whether its run still wants it.
  private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();

  /** A worker may call a limited host at least this often a second, however many workers live. */
  static final double MIN_WORKER_RATE = 0.01;

  /** The most rate limiters one worker keeps (hosts limited by the default rate). */
  static final int MAX_HOSTS = 10_000;

  // Longer than any run may last (1 h): a reservation is refused for the run's deadline, not this.
  private static final Duration LONGEST_WAIT = Duration.ofHours(2);

  private final Map<String, Double> rates;
  private final Double defaultRate;
  private final IntSupplier liveWorkers;
  private final WorkerMetrics metrics;
  private final LongSupplier nanoTime;
  private final Cache<String, AtomicRateLimiter> limiters =
      Caffeine.newBuilder().maximumSize(MAX_HOSTS).expireAfterAccess(LONGEST_WAIT).build();

  /**
   * @param liveWorkers how many workers share each host's rate (this one included)
   * @param nanoTime the limiters' clock, {@code System::nanoTime} but in tests
   */
  HostRateLimiters(
      HostRateSettings settings,
      IntSupplier liveWorkers,
      WorkerMetrics metrics,
      LongSupplier nanoTime) {
    this.rates = settings.rates();
    this.defaultRate = settings.defaultHostRate();
    this.liveWorkers = liveWorkers;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
  }

  /**
   * Reserves a permit for a call to {@code target}'s host.
   *
   * @param maxWait the longest the caller may wait for it (as the time left before its deadline)
   * @return how long to wait before the call (zero for a host with no limit), or empty when the
   *     permit would come only after {@code maxWait}; nothing is reserved then, as far as can be
   *     told
   */
  public Optional<Duration> reserve(URI target, Duration maxWait) {
    String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
    Double rate = rates.getOrDefault(host, defaultRate);
    if (rate == null) {
      return Optional.of(Duration.ZERO);
    }
    String tag = rates.containsKey(host) ? host : "other";
    AtomicRateLimiter limiter = limiters.get(host, h -> limiter(h, rate));
    int permits = permitsPerCall(rate, liveWorkers.getAsInt());
    long period = limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
    long estimate = limiter.getDetailedMetrics().getNanosToWait() + (permits - 1) * period;
    if (estimate >= maxWait.toNanos()) {
      metrics.permitTooLate(tag);
      return Optional.empty();
    }
    long wait = limiter.reservePermission(permits);
    if (wait < 0 || wait >= maxWait.toNanos()) {
      // Another caller came in between: this permit goes unused, which only slows the host down.
      metrics.permitTooLate(tag);
      return Optional.empty();
    }
    Duration waited = Duration.ofNanos(wait);
    metrics.permitReserved(tag, waited);
    return Optional.of(waited);
  }

  /** Waits for the permit here, polling {@code abandoned} (for oauth2 token calls). */
  @Override
  public boolean await(URI target, Duration maxWait, BooleanSupplier abandoned)
      throws InterruptedException {
    Optional<Duration> wait = reserve(target, maxWait);
    if (wait.isEmpty()) {
      return false;
    }
    long until = System.nanoTime() + wait.get().toNanos();
    for (long left = wait.get().toNanos(); left > 0; left = until - System.nanoTime()) {
      if (abandoned.getAsBoolean()) {
        throw new InterruptedException(
            "abandoned while waiting for a permit for " + target.getHost());
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
    }
    return true;
  }

  /** How many permits, each {@code 1/rate} seconds apart, one call of this worker takes. */
  static int permitsPerCall(double rate, int liveWorkers) {
    int mostForMinimum = (int) Math.max(1, Math.floor(rate / MIN_WORKER_RATE));
    return Math.max(1, Math.min(liveWorkers, mostForMinimum));
  }

  private AtomicRateLimiter limiter(String host, double rate) {
    RateLimiterConfig config =
        RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofNanos(Math.max(1, Math.round(1e9 / rate))))
            .timeoutDuration(LONGEST_WAIT)
            .build();
    return new AtomicRateLimiter("host:" + host, config, nanoTime::getAsLong);
  }
}

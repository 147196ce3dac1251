package dev.connectorengine.worker.hostrate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The most requests per second the whole cluster sends to a target host ({@code
 * connector-engine.worker.outbound.*}); each worker takes its share (see {@link HostRateLimiters}).
 *
 * @param hostRates {@code host=rate} entries, the rate in requests per second, fractions allowed
 *     ({@code WORKER_HOST_RATES}, comma-separated, e.g. {@code
 *     api.example.com=5,crm.example.org=20}; default none)
 * @param defaultHostRate the rate of every host not listed ({@code WORKER_DEFAULT_HOST_RATE},
 *     default none: not limited)
 * @param liveWorkersRefresh how often a worker counts the live workers to work out its share
 *     ({@code WORKER_HOST_RATES_REFRESH}, default 5s)
 */
@ConfigurationProperties("connector-engine.worker.outbound")
record HostRateSettings(
    @DefaultValue List<String> hostRates,
    Double defaultHostRate,
    @DefaultValue("5s") Duration liveWorkersRefresh) {

  /** The highest rate a host may have; more is surely a typo. */
  static final double MAX_RATE = 10_000;

  private static final String PREFIX = "connector-engine.worker.outbound.";

  HostRateSettings {
    hostRates = hostRates == null ? List.of() : List.copyOf(hostRates);
    parse(hostRates);
    if (defaultHostRate != null) {
      check(
          PREFIX + "default-host-rate",
          "every host not listed",
          defaultHostRate,
          String.valueOf(defaultHostRate));
    }
    if (liveWorkersRefresh.isNegative() || liveWorkersRefresh.isZero()) {
      throw new IllegalArgumentException(
          PREFIX + "live-workers-refresh must be positive: " + liveWorkersRefresh);
    }
  }

  /** The listed rates by host name, lower case. */
  Map<String, Double> rates() {
    return parse(hostRates);
  }

  /** Whether any host is limited. */
  boolean limitsAny() {
    return !hostRates.isEmpty() || defaultHostRate != null;
  }

  private static Map<String, Double> parse(List<String> entries) {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String entry : entries) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String host = equals < 0 ? "" : entry.substring(0, equals).strip().toLowerCase(Locale.ROOT);
      if (host.isEmpty() || !host.matches("[a-z0-9._\\-\\[\\]]+")) {
        throw new IllegalArgumentException(
            PREFIX
                + "host-rates: '"
                + entry
                + "' is not host=rate (a host name without scheme or port, then the requests per"
                + " second)");
      }
      String value = entry.substring(equals + 1).strip();
      double rate;
      try {
        rate = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            PREFIX + "host-rates: the rate of host " + host + " is not a number: '" + value + "'");
      }
      check(PREFIX + "host-rates", "host " + host, rate, value);
      if (rates.put(host, rate) != null) {
        throw new IllegalArgumentException(
            PREFIX + "host-rates: host " + host + " is listed twice");
      }
    }
    return Map.copyOf(rates);
  }

  private static void check(String setting, String what, double rate, String given) {
    if (!(rate > 0) || rate > MAX_RATE) {
      throw new IllegalArgumentException(
          setting
              + ": the rate of "
              + what
              + " must be more than 0 and at most "
              + (long) MAX_RATE
              + " requests per second, not "
              + given);
    }
  }
}

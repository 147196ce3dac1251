package dev.connectorengine.bench;

import java.time.Duration;
import java.util.Locale;

/** How figures are printed: thousands separated, units spelled out. */
final class Fmt {

  private Fmt() {}

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** Runs per second, e.g. {@code 1,234 runs/s}. */
  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f runs/s", perSecond);
  }

  /** Milliseconds with a decimal below 10, e.g. {@code 4.2 ms}, {@code 1,250 ms}. */
  static String millis(double millis) {
    if (Double.isNaN(millis)) {
      return "n/a";
    }
    return millis < 10
        ? String.format(Locale.ROOT, "%.1f ms", millis)
        : String.format(Locale.ROOT, "%,.0f ms", millis);
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** KiB as MiB, e.g. {@code 612 MiB}. */
  static String mib(long kib) {
    return String.format(Locale.ROOT, "%,d MiB", Math.round(kib / 1024.0));
  }

  static String bytesAsMib(double bytes) {
    return String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / (1024.0 * 1024.0)));
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  /** p50 / p95 / p99 on one line. */
  static String percentiles(double[] p50p95p99) {
    return "p50 "
        + millis(p50p95p99[0])
        + "   p95 "
        + millis(p50p95p99[1])
        + "   p99 "
        + millis(p50p95p99[2]);
  }
}

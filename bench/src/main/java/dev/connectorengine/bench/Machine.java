package dev.connectorengine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the bench ran on, printed above the figures. */
final class Machine {

  private Machine() {}

  static String describe() {
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpuModel()
        + "), "
        + memory()
        + " memory, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + ", Java "
        + Runtime.version();
  }

  /**
   * What else the machine is doing before the bench starts (other builds skew every figure): the
   * load average and how busy the CPUs are over {@code sample}.
   */
  static String background(java.time.Duration sample) {
    long[] before = ProcessCpu.machineTicks();
    Pass.pause(sample);
    long[] after = ProcessCpu.machineTicks();
    long total = after[1] - before[1];
    String busy =
        total <= 0
            ? "unknown"
            : Fmt.percent((double) (after[0] - before[0]) / total) + " of all cores busy";
    String load;
    try {
      load = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+", 4)[0];
    } catch (IOException | RuntimeException e) {
      load = "unknown";
    }
    return busy + " over " + Fmt.seconds(sample) + " before starting, load average " + load;
  }

  private static String cpuModel() {
    return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
  }

  private static String memory() {
    return firstValue(Path.of("/proc/meminfo"), "MemTotal")
        .map(v -> Fmt.mib(Long.parseLong(v.replace("kB", "").strip())))
        .orElse("unknown");
  }

  private static java.util.Optional<String> firstValue(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.stream()
          .filter(line -> line.startsWith(key))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}

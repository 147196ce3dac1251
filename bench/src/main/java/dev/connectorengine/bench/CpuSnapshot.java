package dev.connectorengine.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CPU time each process (grouped under a label: {@code api}, {@code postgres}, ...) had used at
 * one moment, and the machine's busy ticks; two of them tell who used the CPU in between.
 */
final class CpuSnapshot {

  private final Map<String, Set<Long>> pidsByLabel;
  private final Map<Long, Long> millisByPid = new HashMap<>();
  private final long machineBusy;
  private final long machineTotal;
  private final long nanos = System.nanoTime();

  private CpuSnapshot(Map<String, ? extends Collection<Long>> pidsByLabel) {
    this.pidsByLabel = new LinkedHashMap<>();
    pidsByLabel.forEach(
        (label, pids) -> {
          this.pidsByLabel.put(label, Set.copyOf(pids));
          for (long pid : pids) {
            ProcessCpu.millis(pid).ifPresent(millis -> millisByPid.put(pid, millis));
          }
        });
    long[] machine = ProcessCpu.machineTicks();
    this.machineBusy = machine[0];
    this.machineTotal = machine[1];
  }

  static CpuSnapshot take(Map<String, ? extends Collection<Long>> pidsByLabel) {
    return new CpuSnapshot(pidsByLabel);
  }

  /**
   * Who used how much CPU since {@code earlier}, e.g. {@code api 12.3 s (61% of one core)}, with
   * the machine's busy share last. A process started in between counts from its start.
   */
  List<String> since(CpuSnapshot earlier) {
    Duration wall = Duration.ofNanos(nanos - earlier.nanos);
    double wallSeconds = Math.max(wall.toMillis(), 1) / 1000.0;
    List<String> lines = new ArrayList<>();
    pidsByLabel.forEach(
        (label, pids) -> {
          long millis = 0;
          for (long pid : pids) {
            Long now = millisByPid.get(pid);
            if (now != null) {
              millis += now - earlier.millisByPid.getOrDefault(pid, 0L);
            }
          }
          lines.add(
              String.format(
                  "%-22s %6.1f s CPU  (%s of one core)",
                  label, millis / 1000.0, Fmt.percent(millis / 1000.0 / wallSeconds)));
        });
    long total = machineTotal - earlier.machineTotal;
    if (total > 0) {
      lines.add(
          String.format(
              "%-22s %s busy over %s",
              "machine (all cores)",
              Fmt.percent((double) (machineBusy - earlier.machineBusy) / total),
              Fmt.seconds(wall)));
    }
    return lines;
  }
}

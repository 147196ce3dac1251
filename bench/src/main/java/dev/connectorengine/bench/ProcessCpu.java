package dev.connectorengine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** CPU time figures from Linux's {@code /proc} (empty elsewhere). */
final class ProcessCpu {

  // USER_HZ: 100 on every Linux the JDK runs on.
  private static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** User plus system CPU time process {@code pid} has used so far, in milliseconds. */
  static OptionalLong millis(long pid) {
    try {
      return OptionalLong.of(
          ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
              * 1000
              / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** utime + stime of a {@code /proc/<pid>/stat} line (fields 14 and 15). */
  static long ticksOf(String stat) {
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The ids of processes whose command name is {@code name} (e.g. {@code postgres}). */
  static List<Long> pidsNamed(String name) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : entries.toList()) {
        String file = entry.getFileName().toString();
        if (file.chars().allMatch(Character::isDigit)) {
          try {
            if (Files.readString(entry.resolve("comm")).strip().equals(name)) {
              pids.add(Long.parseLong(file));
            }
          } catch (IOException e) {
            // gone meanwhile
          }
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return pids;
  }

  /** Machine-wide CPU ticks from {@code /proc/stat}: {busy, total}; zeros when unreadable. */
  static long[] machineTicks() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
      String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
      return cpu == null ? new long[2] : machineTicksOf(cpu);
    } catch (IOException e) {
      return new long[2];
    }
  }

  /** {busy, total} of the {@code cpu} line of {@code /proc/stat}; idle and iowait are not busy. */
  static long[] machineTicksOf(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    long total = 0;
    long idle = 0;
    for (int i = 1; i < fields.length && i <= 8; i++) {
      long value = Long.parseLong(fields[i]);
      total += value;
      if (i == 4 || i == 5) {
        idle += value;
      }
    }
    return new long[] {total - idle, total};
  }
}

package dev.connectorengine.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Memory figures of a running process, from Linux's {@code /proc} (empty elsewhere). */
public final class ProcessMemory {

  private ProcessMemory() {}

  /** The peak resident set size (VmHWM) of process {@code pid} in KiB, if it can be read. */
  public static OptionalLong peakRssKib(long pid) {
    return statusField(pid, "VmHWM:");
  }

  /** The current resident set size (VmRSS) of process {@code pid} in KiB, if it can be read. */
  public static OptionalLong rssKib(long pid) {
    return statusField(pid, "VmRSS:");
  }

  private static OptionalLong statusField(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return OptionalLong.of(
              Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return OptionalLong.empty();
  }
}

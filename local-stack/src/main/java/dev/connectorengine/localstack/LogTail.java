package dev.connectorengine.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The last lines of a process's log file, for error messages. */
final class LogTail {

  private static final int MAX_BYTES = 16 * 1024;

  private LogTail() {}

  static String of(Path logFile, int lines) {
    if (!Files.isRegularFile(logFile)) {
      return "(no log at " + logFile + ")";
    }
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      long from = Math.max(0, length - MAX_BYTES);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      int start = Math.max(0, all.length - lines - 1);
      return String.join("\n", java.util.Arrays.copyOfRange(all, start, all.length)).strip();
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }
}

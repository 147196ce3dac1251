package dev.connectorengine.localstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How to start another JVM like this one. */
final class ChildJvm {

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private ChildJvm() {}

  /** The java launcher of the running JVM, so children run the same JDK (25). */
  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * The start of a command line. In its own session the child does not get the terminal's Ctrl-C
   * directly, so the parent can stop its children in order (workers before the broker).
   */
  static List<String> command(boolean ownSession) {
    List<String> command = new ArrayList<>();
    if (ownSession && Files.isExecutable(SETSID)) {
      // setsid execs in place (no fork) when its caller is not a group leader, so the pid stays.
      command.add(SETSID.toString());
    }
    command.add(javaExecutable());
    return command;
  }

  /**
   * A class path without the entries a child must not see, every entry made absolute (children may
   * run in another working directory).
   */
  static String classpathWithout(String classpath, List<String> fragments) {
    List<String> kept = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank() && fragments.stream().noneMatch(entry::contains)) {
        kept.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, kept);
  }
}

package dev.connectorengine.credentialscli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The parsed arguments: a command and its options. */
record CommandLine(
    String command, Path keysetFile, boolean dryRun, int batchSize, Integer keyId, boolean help) {

  static final int DEFAULT_BATCH_SIZE = 500;

  private static final Set<String> COMMANDS =
      Set.of("new-keyset", "rotate", "reseal", "retire-check", "remove-key");

  /**
   * Parses {@code args}.
   *
   * @throws CliException naming the unknown command or option, or the bad value
   */
  static CommandLine parse(List<String> args) {
    String command = null;
    Path keysetFile = null;
    boolean dryRun = false;
    int batchSize = DEFAULT_BATCH_SIZE;
    Integer keyId = null;
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        value = arg.substring(equals + 1);
        arg = arg.substring(0, equals);
      }
      switch (arg) {
        case "--help", "-h" -> help = true;
        case "--dry-run" -> dryRun = true;
        case "--keyset-file" -> {
          value = value != null ? value : next(args, ++i, arg);
          keysetFile = Path.of(value);
        }
        case "--batch-size" -> {
          value = value != null ? value : next(args, ++i, arg);
          batchSize = positive(value, arg);
        }
        case "--key-id" -> {
          value = value != null ? value : next(args, ++i, arg);
          keyId = keyId(value);
        }
        default -> {
          if (arg.startsWith("-")) {
            throw new CliException("unknown option " + arg + " (see --help)");
          }
          if (command != null) {
            throw new CliException("unexpected argument '" + arg + "' (see --help)");
          }
          if (!COMMANDS.contains(arg)) {
            throw new CliException("unknown command '" + arg + "' (see --help)");
          }
          command = arg;
        }
      }
    }
    CommandLine line = new CommandLine(command, keysetFile, dryRun, batchSize, keyId, help);
    if (!help) {
      line.check();
    }
    return line;
  }

  private void check() {
    if (command == null) {
      throw new CliException("no command given (see --help)");
    }
    if (dryRun && !command.equals("reseal")) {
      throw new CliException("--dry-run applies to reseal only");
    }
    if (batchSize != DEFAULT_BATCH_SIZE && !command.equals("reseal")) {
      throw new CliException("--batch-size applies to reseal only");
    }
    if (keysetFile != null && command.equals("new-keyset")) {
      throw new CliException("new-keyset reads no keyset; --keyset-file does not apply");
    }
    if ((keyId == null) == command.equals("remove-key")) {
      throw new CliException("--key-id is needed by remove-key and applies to nothing else");
    }
  }

  private static String next(List<String> args, int index, String option) {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new CliException(option + " needs a value");
    }
    return args.get(index);
  }

  private static int positive(String value, String option) {
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below with the option's name.
    }
    throw new CliException(option + " must be a positive whole number, not '" + value + "'");
  }

  private static int keyId(String value) {
    try {
      return Integer.parseUnsignedInt(value);
    } catch (NumberFormatException e) {
      throw new CliException("--key-id must be a key id as retire-check prints it");
    }
  }
}

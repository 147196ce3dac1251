package dev.connectorengine.credentialscli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/credentials}: makes and rotates the credential keyset and re-seals the stored
 * credentials and webhook signing secrets under its primary key. Keysets go to stdout, counts to
 * stdout, progress and errors to stderr; no credential value is ever printed. Exit codes: 0 done, 1
 * something needs attention (rows that do not open, values still under old keys), 2 bad input or no
 * database.
 */
public final class CredentialsCli {

  static final int OK = 0;
  static final int ATTENTION = 1;
  static final int BAD_INPUT = 2;

  static final String USAGE =
      """
      Usage: bin/credentials <command> [options]

      Makes and rotates the Tink keyset that seals stored credentials and webhook signing secrets
      (CREDENTIALS_KEYSET) and re-seals every stored value under the keyset's primary key.

      Commands:
        new-keyset             print a new keyset (one AES-256-GCM key) as JSON
        rotate                 read a keyset (stdin, or --keyset-file) and print it with a new
                               AES-256-GCM key added as primary; the old keys stay and still open
                               what they sealed
        reseal                 open every sealed value (credentials, cached oauth2 tokens, webhook
                               signing secrets) with the keyset (CREDENTIALS_KEYSET, or
                               --keyset-file) and seal it again under its primary key, in batches
                               locked for update; values already under the primary are skipped,
                               a value that does not open is reported by row id and left as it is
        retire-check           count stored values per key of the keyset, and name the keys no
                               value needs any more
        remove-key --key-id N  read a keyset (stdin, or --keyset-file) and print it without key N
                               (never the primary; run retire-check first)

      Options:
        --keyset-file FILE     read the keyset from FILE
        --dry-run              reseal: count what would be re-sealed, change nothing
        --batch-size N         reseal: rows per transaction (default 500)
        -h, --help             print this text

      Database (reseal, retire-check): DATABASE_URL (default
      jdbc:postgresql://localhost:5432/connector_engine), DATABASE_USER (postgres),
      DATABASE_PASSWORD (empty), DATABASE_ROLE (unset: SET ROLE connector_engine_worker when that
      role exists; empty: stay the login user; a name: SET ROLE to it).

      Exit codes: 0 done; 1 reseal left rows that do not open, or retire-check found values still
      under a non-primary key; 2 bad input (unknown command or option, invalid keyset, no database).
      """;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  CredentialsCli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
  }

  public static void main(String[] args) {
    int code = new CredentialsCli(System.in, System.out, System.err, System.getenv()).run(args);
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command and answers its exit code. */
  int run(String... args) {
    try {
      CommandLine line = CommandLine.parse(List.of(args));
      if (line.help()) {
        out.print(USAGE);
        return OK;
      }
      return switch (line.command()) {
        case "new-keyset" -> printKeyset(Keyset.generate());
        case "rotate" -> printKeyset(keysetFromFileOrStdin(line).rotated());
        case "remove-key" -> printKeyset(keysetFromFileOrStdin(line).without(line.keyId()));
        case "reseal" -> reseal(line);
        case "retire-check" -> retireCheck(line);
        default -> throw new CliException("unknown command '" + line.command() + "'");
      };
    } catch (CliException e) {
      err.println("credentials: " + e.getMessage());
      return BAD_INPUT;
    }
  }

  private int printKeyset(Keyset keyset) {
    out.println(keyset.toJson());
    return OK;
  }

  private int reseal(CommandLine line) {
    Keyset keyset = keysetFromFileOrEnvironment(line);
    requirePrefixedPrimary(keyset);
    DatabaseSettings settings = DatabaseSettings.fromEnvironment(env);
    List<ResealReport> reports = new ArrayList<>();
    try (Connection connection = CredentialDatabase.connect(settings, err)) {
      List<SealedColumn> columns = CredentialDatabase.sealedColumns(connection);
      for (SealedTable table : SealedTable.values()) {
        List<SealedColumn> ofTable = columns.stream().filter(c -> c.table() == table).toList();
        if (ofTable.isEmpty()) {
          // Only webhook secrets can be missing (before V7): sealedColumns requires credentials.
          err.printf("%s: no table %s here, skipped%n", table.label(), table.tableName());
          continue;
        }
        reports.add(
            new Resealer(connection, table, ofTable, keyset, line.batchSize(), err)
                .reseal(line.dryRun()));
      }
    } catch (SQLException e) {
      throw new CliException(
          "database error on " + settings.displayUrl() + ": " + CredentialDatabase.oneLine(e));
    }
    out.printf("%-17s%s%n", "primary key:", Integer.toUnsignedString(keyset.primaryKeyId()));
    boolean allOpened = true;
    for (ResealReport report : reports) {
      out.printf(
          "%-17s%s %d, already current %d, did not open %d%n",
          report.table().label() + ":",
          report.dryRun() ? "would re-seal" : "re-sealed",
          report.resealed(),
          report.alreadyCurrent(),
          report.failed().size());
      for (ResealReport.Failure failure : report.failed()) {
        out.printf("  %s: %s%n", failure.row(), String.join(", ", failure.columns()));
      }
      allOpened &= report.failed().isEmpty();
    }
    return allOpened ? OK : ATTENTION;
  }

  private int retireCheck(CommandLine line) {
    Keyset keyset = keysetFromFileOrEnvironment(line);
    requirePrefixedPrimary(keyset);
    DatabaseSettings settings = DatabaseSettings.fromEnvironment(env);
    KeyUsage usage;
    try (Connection connection = CredentialDatabase.connect(settings, err)) {
      usage = KeyUsage.count(connection, CredentialDatabase.sealedColumns(connection), keyset);
    } catch (SQLException e) {
      throw new CliException(
          "database error on " + settings.displayUrl() + ": " + CredentialDatabase.oneLine(e));
    }
    String primary = Integer.toUnsignedString(keyset.primaryKeyId());
    out.printf("primary key: %s%n", primary);
    usage
        .valuesByKey()
        .forEach(
            (key, count) ->
                out.printf(
                    "  %d sealed values under key %s%s%n",
                    count, key, key.equals(primary) ? " (primary)" : ""));
    long behind = usage.valuesNotUnderPrimary();
    out.printf("values needing a non-primary key: %d%n", behind);
    out.printf(
        "keys no value needs (may be removed): %s%n",
        usage.removableKeys().isEmpty() ? "none" : String.join(", ", usage.removableKeys()));
    return behind == 0 ? OK : ATTENTION;
  }

  private void requirePrefixedPrimary(Keyset keyset) {
    if (!keyset.primaryHasPrefix()) {
      throw new CliException(
          "the keyset's primary key is RAW (its ciphertexts carry no key id), so values under it"
              + " cannot be told apart: run rotate to add a primary key first");
    }
  }

  private Keyset keysetFromFileOrStdin(CommandLine line) {
    if (line.keysetFile() != null) {
      return Keyset.parse(readFile(line), "file " + line.keysetFile());
    }
    try {
      return Keyset.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "stdin");
    } catch (IOException e) {
      throw new CliException("cannot read the keyset from stdin: " + e.getMessage());
    }
  }

  private Keyset keysetFromFileOrEnvironment(CommandLine line) {
    if (line.keysetFile() != null) {
      return Keyset.parse(readFile(line), "file " + line.keysetFile());
    }
    String keyset = env.get("CREDENTIALS_KEYSET");
    if (keyset == null || keyset.isBlank()) {
      throw new CliException("no keyset: set CREDENTIALS_KEYSET or pass --keyset-file FILE");
    }
    return Keyset.parse(keyset, "CREDENTIALS_KEYSET");
  }

  private static String readFile(CommandLine line) {
    try {
      return Files.readString(line.keysetFile(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException("keyset file " + line.keysetFile() + " does not exist");
    } catch (IOException e) {
      throw new CliException(
          "cannot read keyset file " + line.keysetFile() + ": " + e.getMessage());
    }
  }
}

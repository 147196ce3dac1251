package dev.connectorengine.worker.batch;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * The database refused one caller's own data (a value it cannot store, a constraint it breaks),
 * found by writing that caller's request alone: trying it again cannot help, and no other caller of
 * its batch is affected.
 */
public final class ItemRefusedException extends RuntimeException {

  /**
   * SQLSTATE classes that name the data of a statement rather than the database or the connection:
   * data exceptions, integrity violations, program limits (a value too large).
   */
  private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

  ItemRefusedException(RuntimeException cause) {
    super("the database refused its data: " + sqlMessage(cause), cause);
  }

  /** Whether {@code failure} came from the data written rather than from the database itself. */
  static boolean causedByData(Throwable failure) {
    return sqlException(failure)
        .map(SQLException::getSQLState)
        .filter(state -> state != null && state.length() >= 2)
        .map(state -> DATA_CLASSES.contains(state.substring(0, 2)))
        .orElse(false);
  }

  private static Optional<SQLException> sqlException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  private static String sqlMessage(Throwable failure) {
    String message =
        sqlException(failure).map(SQLException::getMessage).orElse(failure.getMessage());
    // PostgreSQL's message may go on with lines of detail and position; the first says what.
    return message == null
        ? failure.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }
}

package dev.connectorengine.systemtests;

import dev.connectorengine.testsupport.FreshDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code connector_executions} straight from the system's database, for what the API does not
 * show (the lease owner) and for checking hundreds of runs at once.
 */
final class ExecutionTable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String COLUMNS =
      """
      SELECT id, status, attempt, lease_owner, current_step, steps_executed::text AS steps,
             error_message, started_at, finished_at
      FROM connector_executions
      """;

  private final FreshDatabase database;

  ExecutionTable(FreshDatabase database) {
    this.database = database;
  }

  /** Every run of a connector. */
  List<Row> ofConnector(String connectorId) {
    return query(COLUMNS + " WHERE connector_id = ?", UUID.fromString(connectorId));
  }

  /** The database's clock now. */
  Instant databaseNow() {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement("SELECT clock_timestamp()");
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database's clock", e);
    }
  }

  /** The running runs whose lease a worker holds. */
  List<Row> runningOwnedBy(String workerId) {
    // Each life of a worker claims as <WORKER_ID>-<random>.
    return query(COLUMNS + " WHERE status = 'running' AND lease_owner LIKE ? || '-%'", workerId);
  }

  /** Status to how many runs of the connector have it. */
  Map<String, Long> statusCounts(String connectorId) {
    return ofConnector(connectorId).stream()
        .collect(Collectors.groupingBy(Row::status, TreeMap::new, Collectors.counting()));
  }

  /** The runs of a connector that did not succeed, with their errors, for failure messages. */
  String unsuccessful(String connectorId) {
    return ofConnector(connectorId).stream()
        .filter(row -> !row.status().equals("success"))
        .limit(20)
        .map(
            row ->
                row.id()
                    + " "
                    + row.status()
                    + " (attempt "
                    + row.attempt()
                    + "): "
                    + row.errorMessage())
        .collect(Collectors.joining("\n", "\n", ""));
  }

  /** The rows of a connector, by id. */
  Map<String, Row> byId(String connectorId) {
    return ofConnector(connectorId).stream()
        .collect(Collectors.toMap(row -> row.id().toString(), Function.identity()));
  }

  /**
   * Terminates every connection to this database whose {@code application_name} is {@code
   * applicationName}, as a network cut or a database failover would.
   *
   * @return how many connections were terminated
   */
  int terminateConnections(String applicationName) {
    // Pids first, then one call each: a WHERE clause does not promise to filter before it calls.
    List<Integer> pids = pids(applicationName);
    int terminated = 0;
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
      for (int pid : pids) {
        statement.setInt(1, pid);
        try (ResultSet rs = statement.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            terminated++;
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot terminate the connections of " + applicationName, e);
    }
    return terminated;
  }

  /**
   * Locks {@code connector_execution_stats} against writes until the returned lock is closed, so
   * every run that finishes meanwhile waits inside its final transaction (reads still work).
   */
  StatisticsLock lockStatistics() {
    try {
      Connection connection = database.connect();
      connection.setAutoCommit(false);
      try (var statement = connection.createStatement()) {
        statement.execute("LOCK TABLE connector_execution_stats IN EXCLUSIVE MODE");
      }
      return new StatisticsLock(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lock connector_execution_stats", e);
    }
  }

  /** Connections of {@code applicationName} waiting for a lock right now. */
  int waitingForLocks(String applicationName) {
    String sql =
        """
        SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = ? AND wait_event_type = 'Lock'
        """;
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, applicationName);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /**
   * Open connections to this database whose {@code application_name} is {@code applicationName}.
   */
  int connections(String applicationName) {
    return pids(applicationName).size();
  }

  private List<Integer> pids(String applicationName) {
    String sql =
        """
        SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = ? AND pid <> pg_backend_pid()
        """;
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, applicationName);
      List<Integer> pids = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          pids.add(rs.getInt(1));
        }
      }
      return pids;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private List<Row> query(String sql, Object parameter) {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getObject("id", UUID.class),
                  rs.getString("status"),
                  rs.getInt("attempt"),
                  rs.getString("lease_owner"),
                  rs.getString("current_step"),
                  JSON.readTree(rs.getString("steps")),
                  rs.getString("error_message"),
                  instant(rs.getTimestamp("started_at")),
                  instant(rs.getTimestamp("finished_at"))));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** A held lock on the statistics table; closing it commits and releases it. */
  record StatisticsLock(Connection connection) implements AutoCloseable {

    @Override
    public void close() {
      try (connection) {
        connection.commit();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot release the statistics lock", e);
      }
    }
  }

  /**
   * One execution row.
   *
   * @param steps {@code steps_executed}: one {@code StepRecord} per step
   */
  record Row(
      UUID id,
      String status,
      int attempt,
      String leaseOwner,
      String currentStep,
      JsonNode steps,
      String errorMessage,
      Instant startedAt,
      Instant finishedAt) {

    boolean terminal() {
      return !status.equals("pending") && !status.equals("running");
    }

    /** The statuses of its step records, in step order. */
    List<String> stepStatuses() {
      List<String> statuses = new ArrayList<>();
      steps.forEach(step -> statuses.add(step.path("status").asString()));
      return statuses;
    }

    /** The ids of the steps recorded {@code success}, in step order. */
    List<String> succeededSteps() {
      List<String> ids = new ArrayList<>();
      steps.forEach(
          step -> {
            if (step.path("status").asString().equals("success")) {
              ids.add(step.path("id").asString());
            }
          });
      return ids;
    }

    /** The {@code startedAt} of the step record {@code stepId}, or null. */
    Instant stepStart(String stepId) {
      for (JsonNode step : steps) {
        if (step.path("id").asString().equals(stepId)) {
          String at = step.path("startedAt").asString(null);
          return at == null || at.isBlank() ? null : Instant.parse(at);
        }
      }
      return null;
    }

    /** The {@code startedAt} of each step record that has one. */
    List<Instant> stepStarts() {
      List<Instant> starts = new ArrayList<>();
      steps.forEach(
          step -> {
            String at = step.path("startedAt").asString(null);
            if (at != null && !at.isBlank()) {
              starts.add(Instant.parse(at));
            }
          });
      return starts;
    }
  }
}

package dev.connectorengine.worker.execution;

import dev.connectorengine.worker.batch.BatchSettings;
import dev.connectorengine.worker.batch.StatementBatcher;
import dev.connectorengine.worker.credential.CredentialUses;
import dev.connectorengine.worker.metrics.WorkerMetrics;
import dev.connectorengine.worker.requestlog.RequestLog;
import dev.connectorengine.worker.requestlog.RequestLogRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends runs: the fenced terminal writes and the statistics change in one transaction, the
 * statistics only for the rows a write moved, so each run is counted exactly once. The runs that
 * end at about the same time share that transaction (a {@link StatementBatcher}), and so do their
 * status events, which the database writes to the outbox with them, their request log rows (one
 * INSERT for the batch) and the last use of the credentials they used (one UPDATE, when due).
 */
@Component
public class ExecutionFinisher implements AutoCloseable {

  private final ExecutionRepository executions;
  private final StatisticsRecorder statistics;
  private final TransactionTemplate transactions;
  private final StatusEventsWritten events;
  private final WorkerMetrics metrics;
  private final RequestLogRepository requestLogs;
  private final CredentialUses credentialUses;
  private final StatementBatcher<TerminalWrite, Boolean> writes;

  ExecutionFinisher(
      ExecutionRepository executions,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      StatusEventsWritten events,
      WorkerMetrics metrics,
      RequestLogRepository requestLogs,
      CredentialUses credentialUses,
      BatchSettings settings) {
    this.executions = executions;
    this.statistics = new StatisticsRecorder(jdbc);
    this.transactions = transactions;
    this.events = events;
    this.metrics = metrics;
    this.requestLogs = requestLogs;
    this.credentialUses = credentialUses;
    this.writes =
        new StatementBatcher<>(
            "terminal-writer", settings.size(), settings.threads(), this::finishAll);
  }

  /**
   * Writes the outcome of a claimed run.
   *
   * @return true when this call ended the run; false when the fence did not hold (already ended, or
   *     the lease was lost to another attempt) and nothing was written
   * @throws dev.connectorengine.worker.batch.ItemRefusedException when the database refused this
   *     run's outcome for its data; nothing was written
   */
  public boolean finish(ClaimedExecution execution, RunOutcome outcome) {
    return finish(execution, outcome, List.of());
  }

  /**
   * Writes the outcome of a claimed run and the request log rows of its calls (written even when
   * the fence did not hold: the calls were made).
   *
   * @see #finish(ClaimedExecution, RunOutcome)
   */
  public boolean finish(ClaimedExecution execution, RunOutcome outcome, List<RequestLog> logs) {
    return finish(execution, outcome, logs, Set.of());
  }

  /**
   * Writes the outcome of a claimed run, the request log rows of its calls, and when the
   * credentials its steps used were last used (both written even when the fence did not hold).
   *
   * @see #finish(ClaimedExecution, RunOutcome)
   */
  public boolean finish(
      ClaimedExecution execution,
      RunOutcome outcome,
      List<RequestLog> logs,
      Set<UUID> usedCredentials) {
    return writes.call(
        new TerminalWrite(execution.id(), execution.attempt(), outcome, logs, usedCredentials));
  }

  private List<Boolean> finishAll(List<TerminalWrite> batch) {
    metrics.writeBatch("terminal", batch.size());
    // Rare: two attempts of one run in one batch. Each statement gets distinct ids, so a returned
    // row belongs to exactly one write.
    int[] roundOf = new int[batch.size()];
    List<List<TerminalWrite>> rounds = new ArrayList<>();
    List<Set<UUID>> roundIds = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      UUID id = batch.get(i).id();
      int round = 0;
      while (round < rounds.size() && roundIds.get(round).contains(id)) {
        round++;
      }
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
        roundIds.add(new HashSet<>());
      }
      rounds.get(round).add(batch.get(i));
      roundIds.get(round).add(id);
      roundOf[i] = round;
    }
    List<Map<UUID, FinishedExecution>> ended =
        transactions.execute(
            status -> {
              List<Map<UUID, FinishedExecution>> perRound = new ArrayList<>();
              for (List<TerminalWrite> round : rounds) {
                List<FinishedExecution> done = executions.finish(round);
                statistics.record(done);
                Map<UUID, FinishedExecution> byId = new HashMap<>();
                done.forEach(d -> byId.put(d.id(), d));
                perRound.add(byId);
              }
              requestLogs.insert(logsOf(batch));
              credentialUses.record(credentialsOf(batch));
              return perRound;
            });
    announce(ended);
    List<Boolean> results = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      results.add(ended.get(roundOf[i]).containsKey(batch.get(i).id()));
    }
    return results;
  }

  private static List<RequestLog> logsOf(List<TerminalWrite> batch) {
    List<RequestLog> logs = new ArrayList<>();
    batch.forEach(write -> logs.addAll(write.requestLogs()));
    return logs;
  }

  private static Set<UUID> credentialsOf(List<TerminalWrite> batch) {
    Set<UUID> used = new HashSet<>();
    batch.forEach(write -> used.addAll(write.usedCredentials()));
    return used;
  }

  private void announce(List<Map<UUID, FinishedExecution>> ended) {
    boolean any = false;
    for (Map<UUID, FinishedExecution> round : ended) {
      for (FinishedExecution done : round.values()) {
        metrics.runFinished(done.status());
        any = true;
      }
    }
    if (any) {
      events.committed();
    }
  }

  @Override
  public void close() {
    writes.close();
  }
}

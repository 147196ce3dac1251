package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.batch.ItemRefusedException;
import dev.connectorengine.worker.connector.ConnectorVersionUnavailableException;
import dev.connectorengine.worker.connector.ConnectorVersions;
import dev.connectorengine.worker.credential.CredentialLoader;
import dev.connectorengine.worker.credential.WorkspaceCredentials;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionFinisher;
import dev.connectorengine.worker.execution.ExecutionProgress;
import dev.connectorengine.worker.execution.RunOutcome;
import dev.connectorengine.worker.requestlog.RequestLog;
import dev.connectorengine.worker.requestlog.RequestLogSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a claimed execution to its end: the steps in order, progress written as each step starts
 * (with the record of the one before), then the terminal write. A run claimed again resumes after
 * the steps an earlier attempt finished, with their outputs; a finished step is never called again.
 * When a progress write finds the lease lost, or the run's fence no longer holds, the run stops at
 * once and writes nothing more.
 */
@Component
public class ConnectorRunner {

  private static final Logger log = LoggerFactory.getLogger(ConnectorRunner.class);

  private final ConnectorVersions versions;
  private final CredentialLoader credentialLoader;
  private final StepRunner stepRunner;
  private final ExecutionProgress progress;
  private final ExecutionFinisher finisher;
  private final Clock clock;
  private final int maxClaims;
  private final boolean requestLogs;

  ConnectorRunner(
      ConnectorVersions versions,
      CredentialLoader credentialLoader,
      StepRunner stepRunner,
      ExecutionProgress progress,
      ExecutionFinisher finisher,
      Clock clock,
      WorkerSettings settings,
      RequestLogSettings requestLogSettings) {
    this.versions = versions;
    this.credentialLoader = credentialLoader;
    this.stepRunner = stepRunner;
    this.progress = progress;
    this.finisher = finisher;
    this.clock = clock;
    this.maxClaims = settings.maxClaims();
    this.requestLogs = requestLogSettings.enabled();
  }

  /** Runs the execution on the calling thread (a virtual thread), with nothing to stop it. */
  public void run(ClaimedExecution execution) {
    run(execution, new RunSignal());
  }

  /**
   * Runs the execution on the calling thread (a virtual thread) until it ends or {@code signal}
   * stops it: a cancellation ends it {@code cancelled}; a give-back or a lost lease leaves it
   * without writing anything more.
   */
  public void run(ClaimedExecution execution, RunSignal signal) {
    if (execution.attempt() > maxClaims) {
      finish(
          execution,
          RunOutcome.failed(
              "claimed "
                  + execution.attempt()
                  + " times without finishing (given back, or its worker lost, each time);"
                  + " at most "
                  + maxClaims
                  + " claims (WORKER_MAX_CLAIMS)"));
      return;
    }
    ConnectorSpec spec;
    try {
      spec =
          versions.load(
              execution.workspaceId(), execution.connectorId(), execution.connectorVersion());
    } catch (ConnectorVersionUnavailableException e) {
      finish(execution, RunOutcome.failed(e.getMessage()));
      return;
    }
    WorkspaceCredentials credentials =
        credentialLoader.load(execution.workspaceId(), CredentialReferences.in(spec));
    RunScope scope =
        new RunScope(
            execution.workspaceId(),
            spec,
            RunContext.start(execution, credentials, ResponseReferences.keptIn(spec)),
            credentials,
            new SecretRedactor(credentials.secretValues()),
            execution.deadlineAt(),
            signal,
            requestLogs ? RequestLogBook.of(execution) : RequestLogBook.off());
    RunOutcome outcome = runSteps(execution, scope);
    if (outcome != null) {
      finish(execution, outcome, scope.requestLogs().logs(), credentials.usedIds());
    }
  }

  /**
   * Ends a run that broke on something other than its steps (a database error, a bug), so it does
   * not stay running; the message must hold no secret.
   */
  public void fail(ClaimedExecution execution, String message) {
    finish(execution, RunOutcome.failed(message));
  }

  /** The run's outcome, or null when it must write nothing more (lease lost, handed back). */
  private RunOutcome runSteps(ClaimedExecution execution, RunScope scope) {
    ConnectorSpec spec = scope.spec();
    List<StepSpec> steps = spec.steps();
    List<StepRecord> records = new ArrayList<>(ResumedSteps.records(execution, steps));
    List<String> failures = new ArrayList<>();
    int first = ResumedSteps.restore(records, scope.context(), failures);
    if (first > 0) {
      log.info(
          "execution {} attempt {}: resuming at step '{}' after {} finished steps",
          execution.id(),
          execution.attempt(),
          first < steps.size() ? steps.get(first).id() : "(none)",
          first);
    }
    for (int i = first; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      if (scope.signal().stopped() != null) {
        return RunEnds.stopped(execution, scope.signal().stopped(), step, "before", records, i);
      }
      if (!clock.instant().isBefore(execution.deadlineAt())) {
        RunEnds.skipRest(records, i, "not run: the run's deadline passed");
        return RunEnds.timedOut(execution, step, records);
      }
      records.set(i, records.get(i).running(clock.instant()));
      try {
        if (!progress.record(execution, step.id(), records)) {
          log.info(
              "execution {} attempt {}: lease lost, stopping", execution.id(), execution.attempt());
          return null;
        }
      } catch (ItemRefusedException e) {
        return RunOutcome.failed(
            "the progress of step '" + step.id() + "' could not be stored: " + e.getMessage());
      }
      if (scope.signal().stopped() != null) {
        return RunEnds.stopped(execution, scope.signal().stopped(), step, "before", records, i);
      }
      scope.context().enterStep(step.id());
      StepResult result = stepRunner.run(step, records.get(i), scope);
      records.set(i, result.record());
      if (result.stopped()) {
        return RunEnds.stopped(execution, scope.signal().stopped(), step, "during", records, i + 1);
      }
      if (result.runTimedOut()) {
        RunEnds.skipRest(records, i + 1, "not run: the run's deadline passed");
        return RunEnds.timedOut(execution, step, records);
      }
      if (result.failed()) {
        failures.add(result.failureSummary());
        if (!RunEnds.continuesOnError(spec, step)) {
          RunEnds.skipRest(records, i + 1, "not run: step '" + step.id() + "' failed");
          return new RunOutcome(ExecutionStatus.FAILED, null, String.join("; ", failures), records);
        }
      }
    }
    return RunEnds.completed(scope, failures, records);
  }

  /**
   * The terminal write. One the database refuses for its data is written again without the step
   * records and output, as a failure saying why, so the run still ends at once.
   */
  private void finish(ClaimedExecution execution, RunOutcome outcome) {
    finish(execution, outcome, List.of(), Set.of());
  }

  /**
   * The terminal write, with the run's request log rows and credential uses in its transaction.
   * When the database refuses it for its data, the failure written instead carries no rows: they
   * may be the cause.
   */
  private void finish(
      ClaimedExecution execution,
      RunOutcome outcome,
      List<RequestLog> logs,
      Set<UUID> usedCredentials) {
    boolean ended;
    try {
      ended = finisher.finish(execution, outcome, logs, usedCredentials);
    } catch (ItemRefusedException e) {
      log.warn("execution {}: its outcome could not be stored: {}", execution.id(), e.getMessage());
      ended =
          finisher.finish(
              execution,
              RunOutcome.failed(
                  "the run's outcome ("
                      + outcome.status().wireName()
                      + ") could not be stored: "
                      + e.getMessage()));
    }
    if (!ended) {
      log.info(
          "execution {} attempt {}: already ended or taken over; outcome {} dropped",
          execution.id(),
          execution.attempt(),
          outcome.status().wireName());
    }
  }
}

package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.RunOutcome;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * How a run ends, as {@link ConnectorRunner} writes it: completed (its output or its failures),
 * cancelled, timed out, or stopped without a word (handed back, lease lost); the steps not run are
 * marked skipped with the reason.
 */
final class RunEnds {

  private static final Logger log = LoggerFactory.getLogger(RunEnds.class);

  private RunEnds() {}

  /** The outcome of a run whose steps all ran: its output, built and redacted, or the failures. */
  static RunOutcome completed(RunScope scope, List<String> failures, List<StepRecord> records) {
    JsonNode output;
    try {
      output = scope.redactor().redact(RunOutputBuilder.build(scope.spec(), scope.context()));
    } catch (TemplateException e) {
      failures.add("output mapping failed: " + scope.redactor().redact(e.getMessage()));
      output = null;
    }
    return failures.isEmpty()
        ? new RunOutcome(ExecutionStatus.SUCCESS, output, null, records)
        : new RunOutcome(ExecutionStatus.FAILED, output, String.join("; ", failures), records);
  }

  /** A cancelled run's outcome; null for a run handed back or lost, which writes nothing. */
  static RunOutcome stopped(
      ClaimedExecution execution,
      RunSignal.Stop reason,
      StepSpec step,
      String when,
      List<StepRecord> records,
      int firstNotRun) {
    if (reason != RunSignal.Stop.CANCEL) {
      log.info(
          "execution {} attempt {}: stopped ({}), writing nothing more",
          execution.id(),
          execution.attempt(),
          reason);
      return null;
    }
    skipRest(records, firstNotRun, "not run: the run was cancelled");
    return new RunOutcome(
        ExecutionStatus.CANCELLED,
        null,
        "cancelled by request " + when + " step '" + step.id() + "'",
        records);
  }

  /** A run whose deadline passed at or in {@code step}. */
  static RunOutcome timedOut(ClaimedExecution execution, StepSpec step, List<StepRecord> records) {
    long timeoutMs =
        execution.startedAt() == null
            ? 0
            : Duration.between(execution.startedAt(), execution.deadlineAt()).toMillis();
    return new RunOutcome(
        ExecutionStatus.TIMEOUT,
        null,
        "run timed out after " + timeoutMs + " ms in step '" + step.id() + "'",
        records);
  }

  /** Whether the next steps run after {@code step} failed: its setting, else the connector's. */
  static boolean continuesOnError(ConnectorSpec spec, StepSpec step) {
    return step.continueOnError() != null ? step.continueOnError() : spec.continueOnError();
  }

  /** Marks the records from {@code from} on skipped, saying why. */
  static void skipRest(List<StepRecord> records, int from, String reason) {
    for (int i = from; i < records.size(); i++) {
      records.set(i, records.get(i).skipped(reason));
    }
  }
}

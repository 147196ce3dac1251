package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.execution.StorableText;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * How a run ended, as the terminal write stores it.
 *
 * @param status a terminal status
 * @param output the run's output document, or null
 * @param errorMessage why it did not succeed, or null; never holds a credential value
 * @param steps the final record of every step; empty keeps the records as last written
 */
public record RunOutcome(
    ExecutionStatus status, JsonNode output, String errorMessage, List<StepRecord> steps) {

  public RunOutcome {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("a run outcome needs a terminal status, not " + status);
    }
    steps = List.copyOf(steps);
  }

  /** A failed run whose step records stay as last written, e.g. because these could not be. */
  public static RunOutcome failed(String errorMessage) {
    return new RunOutcome(
        ExecutionStatus.FAILED, null, StorableText.clean(errorMessage), List.of());
  }
}

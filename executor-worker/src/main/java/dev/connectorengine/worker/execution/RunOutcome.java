package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * How a run ended, as the terminal write stores it.
 *
 * @param status a terminal status
 * @param output the run's output document, or null
 * @param errorMessage why it did not succeed, or null; never holds a credential value
 * @param steps the final record of every step
 */
public record RunOutcome(
    ExecutionStatus status, JsonNode output, String errorMessage, List<StepRecord> steps) {

  public RunOutcome {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("a run outcome needs a terminal status, not " + status);
    }
    steps = List.copyOf(steps);
  }
}

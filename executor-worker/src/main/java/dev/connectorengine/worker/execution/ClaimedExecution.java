package dev.connectorengine.worker.execution;

import dev.connectorengine.model.execution.StepRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An execution this worker has just claimed: every later write is fenced on {@code (id, attempt)}.
 *
 * @param attempt the attempt this claim set; it is the fence of every later write
 * @param deadlineAt when the whole run must be over (database time)
 * @param resumedSteps the step records of an earlier attempt, to resume after its finished steps,
 *     or those a replay starts with (the steps it reuses, then pending ones); empty on the first
 *     claim of any other run
 */
public record ClaimedExecution(
    UUID id,
    UUID workspaceId,
    UUID connectorId,
    int connectorVersion,
    int attempt,
    JsonNode input,
    Instant startedAt,
    Instant deadlineAt,
    List<StepRecord> resumedSteps) {

  public ClaimedExecution {
    resumedSteps = List.copyOf(resumedSteps);
  }
}

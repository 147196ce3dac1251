package dev.connectorengine.model.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What happened in one step of one execution, as stored in {@code steps_executed} and shown by the
 * API. Never holds a credential value.
 *
 * @param id the step id from the connector
 * @param name the step's display name
 * @param status where the step is
 * @param attempts how many HTTP calls were made for it (retries included)
 * @param httpStatus the status of the last response, if any
 * @param latencyMs time spent in the step, all attempts included
 * @param output the values extracted from the response
 * @param error why the step failed, if it did
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StepRecord(
    String id,
    String name,
    StepStatus status,
    int attempts,
    Integer httpStatus,
    Long latencyMs,
    JsonNode output,
    String error,
    Instant startedAt,
    Instant finishedAt) {

  /** A step that has not started yet. */
  public static StepRecord pending(String id, String name) {
    return new StepRecord(id, name, StepStatus.PENDING, 0, null, null, null, null, null, null);
  }

  public StepRecord running(Instant at) {
    return new StepRecord(id, name, StepStatus.RUNNING, attempts, null, null, null, null, at, null);
  }

  public StepRecord succeeded(
      int attempts, int httpStatus, long latencyMs, JsonNode output, Instant at) {
    return new StepRecord(
        id, name, StepStatus.SUCCESS, attempts, httpStatus, latencyMs, output, null, startedAt, at);
  }

  public StepRecord failed(
      int attempts, Integer httpStatus, long latencyMs, String error, Instant at) {
    return new StepRecord(
        id, name, StepStatus.FAILED, attempts, httpStatus, latencyMs, null, error, startedAt, at);
  }

  public StepRecord skipped(String reason) {
    return new StepRecord(
        id, name, StepStatus.SKIPPED, attempts, null, null, null, reason, startedAt, finishedAt);
  }
}

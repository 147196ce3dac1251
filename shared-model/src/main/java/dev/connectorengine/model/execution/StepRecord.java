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
 * @param response the answer ({@code status}, {@code headers}, {@code body}), kept only when later
 *     templates read {@code steps.<id>.response.body} or {@code .headers}, so a resumed run has it
 * @param reused true when a replay from the failed step took this record from the run it replays
 *     instead of calling the step again; omitted from JSON when false
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
    Instant finishedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode response,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean reused) {

  public StepRecord {
    reused = Boolean.TRUE.equals(reused); // absent from records written before replays: false
  }

  /** A step that has not started yet. */
  public static StepRecord pending(String id, String name) {
    return new StepRecord(
        id, name, StepStatus.PENDING, 0, null, null, null, null, null, null, null, false);
  }

  public StepRecord running(Instant at) {
    return new StepRecord(
        id, name, StepStatus.RUNNING, attempts, null, null, null, null, at, null, null, false);
  }

  public StepRecord succeeded(
      int attempts, int httpStatus, long latencyMs, JsonNode output, Instant at) {
    return new StepRecord(
        id,
        name,
        StepStatus.SUCCESS,
        attempts,
        httpStatus,
        latencyMs,
        output,
        null,
        startedAt,
        at,
        null,
        false);
  }

  public StepRecord failed(
      int attempts, Integer httpStatus, long latencyMs, String error, Instant at) {
    return new StepRecord(
        id,
        name,
        StepStatus.FAILED,
        attempts,
        httpStatus,
        latencyMs,
        null,
        error,
        startedAt,
        at,
        null,
        false);
  }

  public StepRecord skipped(String reason) {
    return new StepRecord(
        id,
        name,
        StepStatus.SKIPPED,
        attempts,
        null,
        null,
        null,
        reason,
        startedAt,
        finishedAt,
        null,
        reused);
  }

  /** This record keeping {@code answer} for later steps' templates. */
  public StepRecord withResponse(JsonNode answer) {
    return new StepRecord(
        id,
        name,
        status,
        attempts,
        httpStatus,
        latencyMs,
        output,
        error,
        startedAt,
        finishedAt,
        answer,
        reused);
  }

  /** This finished record, taken by a replay from the run it replays. */
  public StepRecord asReused() {
    return new StepRecord(
        id,
        name,
        status,
        attempts,
        httpStatus,
        latencyMs,
        output,
        error,
        startedAt,
        finishedAt,
        response,
        true);
  }

  /**
   * Whether the step is over and a resumed run goes past it: it succeeded, or it failed and the run
   * went on (a failed step of a running run always let a later step start).
   */
  public boolean finished() {
    return status == StepStatus.SUCCESS || status == StepStatus.FAILED;
  }
}

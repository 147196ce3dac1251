package dev.connectorengine.model.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A job on {@link Topics#EXECUTIONS}: "run this execution". The database row is the truth; the job
 * only says where to look, so a duplicate or stale job is harmless.
 *
 * @param executionId the execution to run
 * @param workspaceId its workspace
 * @param connectorId its connector (null in jobs from before it was sent), for its concurrency
 *     limit
 * @param attempt the row's attempt when the job was published (the claim increments it)
 * @param enqueuedAt when the job was published
 * @param trace trace context (W3C {@code traceparent} and friends), possibly empty
 */
public record ExecutionJob(
    UUID executionId,
    UUID workspaceId,
    UUID connectorId,
    int attempt,
    Instant enqueuedAt,
    Map<String, String> trace) {

  public ExecutionJob {
    trace = trace == null ? Map.of() : Map.copyOf(trace);
  }
}

package dev.connectorengine.model.connector;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a connector does: the part of a connector that is versioned and that a run executes.
 *
 * @param steps the HTTP steps, run in order; at least one
 * @param inputSchema JSON Schema the trigger's input must satisfy, or null for any object
 * @param fieldMappings an object whose values (templates allowed) build the run's output, or one
 *     template whose value is the output ({@code "{{ steps.call.output }}"}), or null for each
 *     step's output under its id
 * @param timeoutMs the whole run's deadline, from its first claim
 * @param maxRetries retries per step unless the step overrides it
 * @param continueOnError whether a failed step lets the next ones run, unless the step overrides it
 */
public record ConnectorSpec(
    List<StepSpec> steps,
    JsonNode inputSchema,
    JsonNode fieldMappings,
    int timeoutMs,
    int maxRetries,
    boolean continueOnError) {

  /** Default whole-run timeout when a connector names none. */
  public static final int DEFAULT_TIMEOUT_MS = 30_000;

  /** Default retries per step when a connector names none. */
  public static final int DEFAULT_MAX_RETRIES = 3;

  public ConnectorSpec {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** {@code single-step} or {@code multi-step}, derived from the step count. */
  public String type() {
    return steps.size() == 1 ? "single-step" : "multi-step";
  }
}

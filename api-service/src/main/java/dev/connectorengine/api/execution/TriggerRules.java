package dev.connectorengine.api.execution;

/** What a trigger's idempotency key and flow run id may be, alone or in a batch. */
final class TriggerRules {

  static final int MAX_KEY_LENGTH = 255;
  static final int MAX_FLOW_RUN_ID = 200;

  private TriggerRules() {}

  /** Why this idempotency key is refused, or null when it is fine (or absent). */
  static String keyProblem(String key) {
    if (key == null) {
      return null;
    }
    if (key.isBlank()
        || key.length() > MAX_KEY_LENGTH
        || key.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      return "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII chars, not blank";
    }
    return null;
  }

  /** Why this flow run id is refused, or null when it is fine (or absent). */
  static String flowRunIdProblem(String flowRunId) {
    if (flowRunId != null && flowRunId.length() > MAX_FLOW_RUN_ID) {
      return "must be at most " + MAX_FLOW_RUN_ID + " chars";
    }
    return null;
  }
}

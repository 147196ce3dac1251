package dev.connectorengine.model.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.connectorengine.model.execution.ExecutionStatus;
import java.util.Arrays;
import java.util.Optional;

/** The events a webhook endpoint can subscribe to: one per terminal status of a run. */
public enum WebhookEventType {
  EXECUTION_SUCCEEDED("execution.succeeded", ExecutionStatus.SUCCESS),
  EXECUTION_FAILED("execution.failed", ExecutionStatus.FAILED),
  EXECUTION_TIMED_OUT("execution.timed_out", ExecutionStatus.TIMEOUT),
  EXECUTION_CANCELLED("execution.cancelled", ExecutionStatus.CANCELLED);

  private final String wireName;
  private final ExecutionStatus status;

  WebhookEventType(String wireName, ExecutionStatus status) {
    this.wireName = wireName;
    this.status = status;
  }

  /** {@code execution.succeeded}, as deliveries and endpoints spell it. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The terminal status this event reports. */
  public ExecutionStatus status() {
    return status;
  }

  /** The event of this wire name, if there is one. */
  public static Optional<WebhookEventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
  }
}

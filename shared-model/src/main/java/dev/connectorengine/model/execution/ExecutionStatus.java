package dev.connectorengine.model.execution;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of an execution. Every status change goes through {@link #transitionTo}, so the one
 * table below is the whole truth about which moves are allowed.
 */
public enum ExecutionStatus {
  PENDING,
  RUNNING,
  SUCCESS,
  FAILED,
  TIMEOUT,
  CANCELLED;

  private static final Map<ExecutionStatus, Set<ExecutionStatus>> ALLOWED =
      Map.of(
          PENDING, EnumSet.of(RUNNING, CANCELLED),
          // running -> pending only when a lease is given back or has expired
          RUNNING, EnumSet.of(SUCCESS, FAILED, TIMEOUT, CANCELLED, PENDING),
          SUCCESS, EnumSet.noneOf(ExecutionStatus.class),
          FAILED, EnumSet.noneOf(ExecutionStatus.class),
          TIMEOUT, EnumSet.noneOf(ExecutionStatus.class),
          CANCELLED, EnumSet.noneOf(ExecutionStatus.class));

  /** Whether the table allows moving from this status to {@code target}. */
  public boolean canMoveTo(ExecutionStatus target) {
    return ALLOWED.get(this).contains(target);
  }

  /**
   * Returns {@code target} if the move is allowed.
   *
   * @throws IllegalStatusTransitionException naming both statuses otherwise
   */
  public ExecutionStatus transitionTo(ExecutionStatus target) {
    if (!canMoveTo(target)) {
      throw new IllegalStatusTransitionException(this, target);
    }
    return target;
  }

  /** A terminal status has no way out. */
  public boolean isTerminal() {
    return ALLOWED.get(this).isEmpty();
  }

  /** The spelling used in JSON and SQL: {@code pending}, {@code running}, ... */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the JSON/SQL spelling.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  @JsonCreator
  public static ExecutionStatus fromWireName(String value) {
    for (ExecutionStatus status : values()) {
      if (status.wireName().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown execution status '"
            + value
            + "'; expected one of pending, running, success, failed, timeout, cancelled");
  }
}

package dev.connectorengine.model.execution;

import java.util.Map;

/**
 * One move of the state machine, named for the write that makes it. A status write binds its {@code
 * :from} and {@code :to} from one of these ({@link #sqlParams()}), so no SQL spells a status itself
 * and every move was checked against the table in {@link ExecutionStatus} when it was built.
 *
 * @param from the status the guarded update requires
 * @param to the status it sets
 */
public record ExecutionTransition(ExecutionStatus from, ExecutionStatus to) {

  /** pending → running: a worker claims a run. */
  public static final ExecutionTransition CLAIM =
      new ExecutionTransition(ExecutionStatus.PENDING, ExecutionStatus.RUNNING);

  /** pending → cancelled: a run cancelled before any worker took it. */
  public static final ExecutionTransition CANCEL_PENDING =
      new ExecutionTransition(ExecutionStatus.PENDING, ExecutionStatus.CANCELLED);

  /** running → pending: a lease given back, or lost with its worker. */
  public static final ExecutionTransition REQUEUE =
      new ExecutionTransition(ExecutionStatus.RUNNING, ExecutionStatus.PENDING);

  /**
   * @throws IllegalStatusTransitionException when the table does not allow the move
   */
  public ExecutionTransition {
    from.transitionTo(to);
  }

  /**
   * running → {@code terminal}: a run ends.
   *
   * @throws IllegalArgumentException when {@code terminal} is not a terminal status
   */
  public static ExecutionTransition finish(ExecutionStatus terminal) {
    if (!terminal.isTerminal()) {
      throw new IllegalArgumentException(
          "a run ends in a terminal status, not " + terminal.wireName());
    }
    return new ExecutionTransition(ExecutionStatus.RUNNING, terminal);
  }

  /** {@code from} and {@code to} in their SQL spelling, as named parameters of a statement. */
  public Map<String, Object> sqlParams() {
    return Map.of("from", from.wireName(), "to", to.wireName());
  }
}

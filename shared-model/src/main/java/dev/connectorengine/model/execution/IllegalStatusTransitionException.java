package dev.connectorengine.model.execution;

/** A status change that the transition table of {@link ExecutionStatus} does not allow. */
public final class IllegalStatusTransitionException extends IllegalStateException {

  private final ExecutionStatus from;
  private final ExecutionStatus to;

  public IllegalStatusTransitionException(ExecutionStatus from, ExecutionStatus to) {
    super("execution cannot move from " + from.wireName() + " to " + to.wireName());
    this.from = from;
    this.to = to;
  }

  public ExecutionStatus from() {
    return from;
  }

  public ExecutionStatus to() {
    return to;
  }
}

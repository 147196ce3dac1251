package dev.connectorengine.model.execution;

/** A replay from the failed step that cannot be made as asked; the message says why. */
public class ReplayRefusedException extends RuntimeException {

  public ReplayRefusedException(String message) {
    super(message);
  }
}

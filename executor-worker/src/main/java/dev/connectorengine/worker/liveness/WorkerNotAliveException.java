package dev.connectorengine.worker.liveness;

/** This worker cannot show it is alive, so it must not claim runs now. */
public final class WorkerNotAliveException extends IllegalStateException {

  public WorkerNotAliveException(String message) {
    super(message);
  }
}

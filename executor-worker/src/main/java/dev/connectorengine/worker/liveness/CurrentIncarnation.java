package dev.connectorengine.worker.liveness;

/** The incarnation this worker claims runs for now. */
@FunctionalInterface
public interface CurrentIncarnation {

  /**
   * @throws WorkerNotAliveException when this worker cannot show it is alive right now
   */
  Incarnation current();
}

package dev.connectorengine.worker.liveness;

import org.springframework.stereotype.Component;

/** How many workers are alive across the cluster, as their liveness rows say. */
@Component
public class LiveWorkers {

  private final LivenessRepository repository;

  LiveWorkers(LivenessRepository repository) {
    this.repository = repository;
  }

  /**
   * The workers whose liveness row has not expired, on the control pool: one indexed count, for a
   * periodic task rather than every call.
   */
  public int countNow() {
    return repository.countLive();
  }
}

package dev.connectorengine.worker.dispatch;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Pauses and resumes consumption of jobs, and leaves and joins the consumer group. A paused
 * container keeps polling (so the group does not evict the worker) but fetches nothing until
 * resumed; a container that left hands its partitions to the other workers.
 */
@Component
class JobConsumption {

  private final KafkaListenerEndpointRegistry registry;

  JobConsumption(KafkaListenerEndpointRegistry registry) {
    this.registry = registry;
  }

  void pause() {
    MessageListenerContainer container = registry.getListenerContainer(JobListener.ID);
    if (container != null) {
      container.pause();
    }
  }

  /** Whether the job listener is consuming (started, paused or not). */
  boolean isRunning() {
    MessageListenerContainer container = registry.getListenerContainer(JobListener.ID);
    return container != null && container.isRunning();
  }

  /**
   * Leaves the consumer group, without waiting: the listener stops once the batch in hand is done,
   * the group moves its partitions, and then {@code left} runs.
   */
  void leave(Runnable left) {
    MessageListenerContainer container = registry.getListenerContainer(JobListener.ID);
    if (container != null) {
      container.stop(left);
    }
  }

  /** Joins the consumer group again after {@link #leave}. */
  void join() {
    MessageListenerContainer container = registry.getListenerContainer(JobListener.ID);
    if (container != null && !container.isRunning()) {
      container.start();
    }
  }

  void resume() {
    MessageListenerContainer container = registry.getListenerContainer(JobListener.ID);
    if (container != null) {
      container.resume();
    }
  }
}

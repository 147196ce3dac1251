package dev.connectorengine.worker.dispatch;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Pauses and resumes consumption of jobs. A paused container keeps polling (so the group does not
 * evict the worker) but fetches nothing until resumed.
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

  void resume() {
    MessageListenerContainer container = registry.getListenerContainer(JobListener.ID);
    if (container != null) {
      container.resume();
    }
  }
}

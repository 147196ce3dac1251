package dev.connectorengine.worker.dispatch;

import dev.connectorengine.model.messaging.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** The topics (declared by both apps, whichever starts first) and the listener's error policy. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  @Bean
  NewTopic executionsTopic(TopicSettings settings) {
    return new NewTopic(Topics.EXECUTIONS, settings.partitions(), settings.replicationFactor());
  }

  @Bean
  NewTopic executionsDeadLetterTopic(TopicSettings settings) {
    return new NewTopic(Topics.EXECUTIONS_DLQ, settings.partitions(), settings.replicationFactor());
  }

  @Bean
  NewTopic executionEventsTopic(TopicSettings settings) {
    return new NewTopic(
        Topics.EXECUTION_EVENTS, settings.partitions(), settings.replicationFactor());
  }

  /**
   * Poison messages never reach here (the listener dead-letters them itself); what does is an
   * infrastructure failure such as the database being away, so the batch is retried until it works.
   * The container pauses the consumer between tries, so the poll loop never stalls.
   */
  @Bean
  CommonErrorHandler jobErrorHandler() {
    return new DefaultErrorHandler(new FixedBackOff(1_000, FixedBackOff.UNLIMITED_ATTEMPTS));
  }
}

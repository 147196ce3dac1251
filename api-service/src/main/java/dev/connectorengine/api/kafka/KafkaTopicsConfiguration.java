package dev.connectorengine.api.kafka;

import dev.connectorengine.api.ApiSettings;
import dev.connectorengine.model.messaging.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Declares the three topics; the worker declares the same, whichever starts first creates them. */
@Configuration
class KafkaTopicsConfiguration {

  @Bean
  NewTopic executionsTopic(ApiSettings settings) {
    return topic(Topics.EXECUTIONS, settings);
  }

  @Bean
  NewTopic executionsDlqTopic(ApiSettings settings) {
    return topic(Topics.EXECUTIONS_DLQ, settings);
  }

  @Bean
  NewTopic executionEventsTopic(ApiSettings settings) {
    return topic(Topics.EXECUTION_EVENTS, settings);
  }

  private static NewTopic topic(String name, ApiSettings settings) {
    return TopicBuilder.name(name)
        .partitions(settings.kafka().partitions())
        .replicas(settings.kafka().replicas())
        .build();
  }
}

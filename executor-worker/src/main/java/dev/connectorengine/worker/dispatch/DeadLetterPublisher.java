package dev.connectorengine.worker.dispatch;

import dev.connectorengine.model.messaging.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends jobs that cannot be run to the dead-letter topic, with the reason and origin in headers.
 */
@Component
class DeadLetterPublisher {

  static final String ORIGINAL_TOPIC_HEADER = "ce-dlq-original-topic";
  static final String ORIGINAL_PARTITION_HEADER = "ce-dlq-original-partition";
  static final String ORIGINAL_OFFSET_HEADER = "ce-dlq-original-offset";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

  private final KafkaTemplate<String, String> kafka;

  DeadLetterPublisher(KafkaTemplate<String, String> kafka) {
    this.kafka = kafka;
  }

  CompletableFuture<?> send(ConsumerRecord<String, String> job, String reason) {
    log.warn(
        "job at {}-{}@{} sent to {}: {}",
        job.topic(),
        job.partition(),
        job.offset(),
        Topics.EXECUTIONS_DLQ,
        reason);
    ProducerRecord<String, String> letter =
        new ProducerRecord<>(Topics.EXECUTIONS_DLQ, job.key(), job.value());
    letter.headers().add(Topics.DLQ_REASON_HEADER, bytes(reason));
    letter.headers().add(ORIGINAL_TOPIC_HEADER, bytes(job.topic()));
    letter.headers().add(ORIGINAL_PARTITION_HEADER, bytes(Integer.toString(job.partition())));
    letter.headers().add(ORIGINAL_OFFSET_HEADER, bytes(Long.toString(job.offset())));
    return kafka.send(letter);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

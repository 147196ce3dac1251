package dev.connectorengine.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

class AfterCommitSenderTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Records what would be sent, and on which thread, instead of talking to a broker. */
  static final class RecordingTemplate extends KafkaTemplate<String, String> {

    final AtomicReference<Thread> thread = new AtomicReference<>();
    final AtomicReference<String> value = new AtomicReference<>();

    RecordingTemplate() {
      super(
          new DefaultKafkaProducerFactory<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1")));
    }

    @Override
    public CompletableFuture<SendResult<String, String>> send(
        String topic, String key, String data) {
      thread.set(Thread.currentThread());
      value.set(data);
      return CompletableFuture.failedFuture(new IllegalStateException("no broker in this test"));
    }
  }

  @Test
  void sends_on_a_virtual_thread_so_the_request_thread_never_waits_on_the_broker() {
    RecordingTemplate kafka = new RecordingTemplate();
    AfterCommitSender sender = new AfterCommitSender(kafka, JSON);
    UUID id = UUID.randomUUID();
    ExecutionJob job =
        new ExecutionJob(id, UUID.randomUUID(), 0, Instant.parse("2026-01-01T00:00:00Z"), Map.of());

    sender.afterCommit(new OutboundMessage(Topics.EXECUTIONS, id.toString(), job));

    await().atMost(Duration.ofSeconds(5)).until(() -> kafka.thread.get() != null);
    assertThat(kafka.thread.get()).isNotSameAs(Thread.currentThread());
    assertThat(kafka.thread.get().isVirtual()).isTrue();
    assertThat(JSON.readValue(kafka.value.get(), ExecutionJob.class)).isEqualTo(job);
    sender.destroy();
  }
}

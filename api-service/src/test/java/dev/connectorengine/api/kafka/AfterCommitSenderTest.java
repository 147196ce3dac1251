package dev.connectorengine.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.databind.json.JsonMapper;

class AfterCommitSenderTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String THROWING_KEY = "cannot-start";

  /** Records what would be sent, and on which thread, instead of talking to a broker. */
  static final class RecordingTemplate extends KafkaTemplate<String, String> {

    final AtomicReference<Thread> thread = new AtomicReference<>();
    final AtomicReference<String> value = new AtomicReference<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    volatile CompletableFuture<SendResult<String, String>> answer =
        CompletableFuture.failedFuture(new IllegalStateException("no broker in this test"));

    RecordingTemplate() {
      super(
          new DefaultKafkaProducerFactory<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1")));
    }

    @Override
    public CompletableFuture<SendResult<String, String>> send(
        String topic, String key, String data) {
      thread.set(Thread.currentThread());
      threads.add(Thread.currentThread());
      value.set(data);
      keys.add(key);
      if (key.equals(THROWING_KEY)) {
        throw new KafkaException("metadata not available after 2000 ms");
      }
      return answer;
    }
  }

  @Test
  void sends_on_a_virtual_thread_so_the_request_thread_never_waits_on_the_broker() {
    RecordingTemplate kafka = new RecordingTemplate();
    AfterCommitSender sender = new AfterCommitSender(kafka, JSON);
    UUID id = UUID.randomUUID();
    ExecutionJob job =
        new ExecutionJob(
            id, UUID.randomUUID(), null, 0, Instant.parse("2026-01-01T00:00:00Z"), Map.of());

    sender.afterCommit(new OutboundMessage(Topics.EXECUTIONS, id.toString(), job));

    await().atMost(Duration.ofSeconds(5)).until(() -> kafka.thread.get() != null);
    assertThat(kafka.thread.get()).isNotSameAs(Thread.currentThread());
    assertThat(kafka.thread.get().isVirtual()).isTrue();
    assertThat(JSON.readValue(kafka.value.get(), ExecutionJob.class)).isEqualTo(job);
    sender.destroy();
  }

  @Test
  void sends_the_jobs_of_a_batch_in_order_on_one_virtual_thread_without_waiting_on_each() {
    RecordingTemplate kafka = new RecordingTemplate();
    kafka.answer = new CompletableFuture<>(); // the broker never acknowledges
    AfterCommitSender sender = new AfterCommitSender(kafka, JSON);
    List<OutboundMessage> messages = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      messages.add(message(UUID.randomUUID()));
    }

    sender.afterCommit(new OutboundMessages(messages));

    await().atMost(Duration.ofSeconds(5)).until(() -> kafka.keys.size() == messages.size());
    assertThat(kafka.keys)
        .containsExactlyElementsOf(messages.stream().map(OutboundMessage::key).toList());
    assertThat(kafka.threads).hasSize(1).allMatch(Thread::isVirtual);
    assertThat(kafka.threads).doesNotContain(Thread.currentThread());
    sender.destroy();
  }

  @Test
  void a_batch_whose_send_cannot_start_leaves_the_rest_to_the_sweeper_at_once() {
    RecordingTemplate kafka = new RecordingTemplate();
    AfterCommitSender sender = new AfterCommitSender(kafka, JSON);
    OutboundMessage first = message(UUID.randomUUID());
    OutboundMessage stuck = new OutboundMessage(Topics.EXECUTIONS, THROWING_KEY, first.value());

    sender.afterCommit(new OutboundMessages(List.of(first, stuck, message(UUID.randomUUID()))));
    sender.destroy(); // waits for the queued sends

    assertThat(kafka.keys).containsExactly(first.key(), THROWING_KEY);
  }

  private static OutboundMessage message(UUID id) {
    return new OutboundMessage(
        Topics.EXECUTIONS,
        id.toString(),
        new ExecutionJob(
            id, UUID.randomUUID(), null, 0, Instant.parse("2026-01-01T00:00:00Z"), Map.of()));
  }
}

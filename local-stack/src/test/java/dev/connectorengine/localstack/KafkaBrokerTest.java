package dev.connectorengine.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broker process for the class: started, stopped, killed and restarted on the same data. */
class KafkaBrokerTest {

  @TempDir static Path dataDir;
  private static KafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.builder(dataDir).partitions(3).build().start();
  }

  @AfterAll
  static void stop() {
    broker.stop();
  }

  @Test
  void messages_survive_a_stop_and_a_kill_and_the_broker_comes_back_on_the_same_port() {
    String topic = "round-trip-" + UUID.randomUUID();
    int port = broker.port();
    send(topic, "before-stop");
    assertThat(readAll(topic, 1)).containsExactly("before-stop");

    broker.stop();
    assertThat(broker.isRunning()).isFalse();
    assertThat(Ports.accepts(port)).isFalse();
    broker.start();
    send(topic, "after-restart");
    assertThat(readAll(topic, 2)).containsExactly("before-stop", "after-restart");

    long pid = broker.pid();
    broker.kill();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    broker.start();
    assertThat(broker.port()).isEqualTo(port);
    assertThat(readAll(topic, 2)).containsExactly("before-stop", "after-restart");
  }

  private static void send(String topic, String value) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "key", value)).get();
    } catch (Exception e) {
      throw new AssertionError("cannot send to " + topic, e);
    }
  }

  private static List<String> readAll(String topic, int expected) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      return values;
    }
  }
}

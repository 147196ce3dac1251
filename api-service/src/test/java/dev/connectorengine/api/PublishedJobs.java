package dev.connectorengine.api;

import dev.connectorengine.model.messaging.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Every job published on the test broker's executions topic, read by a background consumer. */
public final class PublishedJobs implements AutoCloseable {

  private final List<ConsumerRecord<String, String>> jobs = new CopyOnWriteArrayList<>();
  private final Consumer<String, String> consumer;
  private final Thread polling;

  private PublishedJobs(EmbeddedKafkaBroker broker, String group) {
    Map<String, Object> props = KafkaTestUtils.consumerProps(broker, group, false);
    props.put("auto.offset.reset", "earliest");
    consumer =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
            .createConsumer();
    consumer.subscribe(List.of(Topics.EXECUTIONS));
    polling =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    while (!Thread.currentThread().isInterrupted()) {
                      consumer.poll(Duration.ofMillis(100)).forEach(jobs::add);
                    }
                  } catch (InterruptException | WakeupException e) {
                    // the test class is over
                  } finally {
                    consumer.close();
                  }
                });
  }

  /** Starts consuming the executions topic from its beginning. */
  public static PublishedJobs consume(EmbeddedKafkaBroker broker, String group) {
    return new PublishedJobs(broker, group);
  }

  /** The first job for this execution, waiting up to 15 s for it. */
  public ConsumerRecord<String, String> awaitJob(String executionId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> first(executionId), job -> job != null);
  }

  /** How many jobs for this execution were read so far. */
  public long count(String executionId) {
    return jobs.stream().filter(r -> r.key().equals(executionId)).count();
  }

  /** Waits until this many jobs for this execution were read, and still that many 700 ms later. */
  public void awaitExactly(String executionId, long expected) {
    Awaitility.await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(15))
        .until(() -> count(executionId) == expected);
  }

  private ConsumerRecord<String, String> first(String executionId) {
    return jobs.stream().filter(r -> r.key().equals(executionId)).findFirst().orElse(null);
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    polling.join(5_000);
  }
}

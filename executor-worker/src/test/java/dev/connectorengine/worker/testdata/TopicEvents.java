package dev.connectorengine.worker.testdata;

import static org.awaitility.Awaitility.await;

import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.model.messaging.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the events topic from its start, as a flow listening to it would. */
public final class TopicEvents {

  private TopicEvents() {}

  /**
   * The events of one execution, in topic order, once there are at least {@code count}; each
   * record's key checked to be the execution id.
   */
  public static List<ExecutionEvent> of(String bootstrapServers, UUID id, int count) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "events-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<ExecutionEvent> events = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.EXECUTION_EVENTS));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  ExecutionEvent event =
                      ExecutionJson.mapper().readValue(record.value(), ExecutionEvent.class);
                  if (event.executionId().equals(id)) {
                    if (!record.key().equals(id.toString())) {
                      throw new AssertionError("event of " + id + " keyed " + record.key());
                    }
                    events.add(event);
                  }
                }
                return events.size() >= count;
              });
    }
    return events;
  }
}

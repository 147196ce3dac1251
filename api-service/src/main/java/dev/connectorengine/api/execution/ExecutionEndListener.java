package dev.connectorengine.api.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.messaging.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every status event of {@link Topics#EXECUTION_EVENTS}, whole, from the moment this instance
 * starts, and wakes the calls waiting for an execution that ended. Every API instance reads all
 * partitions (manual assignment from the latest offset, no consumer group): a waiting call is held
 * by one instance, and the worker's event can be on any partition. An event is only read as far as
 * its execution id and status: fields added later change nothing.
 */
@Component
class ExecutionEndListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ExecutionEndListener.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final KafkaProperties kafka;
  private final ExecutionWaiters waiters;
  private final boolean enabled;
  private volatile boolean running;
  private volatile boolean assigned;
  private volatile Consumer<String, String> consumer;
  private Thread thread;

  ExecutionEndListener(
      KafkaProperties kafka, ExecutionWaiters waiters, ExecutionSettings settings) {
    this.kafka = kafka;
    this.waiters = waiters;
    this.enabled = settings.maxWaiters() > 0;
  }

  @Override
  public void start() {
    if (!enabled) {
      return;
    }
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    running = true;
    thread = Thread.ofPlatform().name("execution-end-listener").daemon().start(this::run);
  }

  private void run() {
    try (Consumer<String, String> c = consumer) {
      while (running) {
        try {
          if (!assigned) {
            assign(c);
            continue;
          }
          for (ConsumerRecord<String, String> event : c.poll(POLL)) {
            if (waiters.anyWaiting()) {
              dispatch(event.key(), event.value());
            }
          }
        } catch (WakeupException e) {
          // stopping
        } catch (KafkaException e) {
          log.warn("reading {} failed, trying again: {}", Topics.EXECUTION_EVENTS, e.toString());
          pause();
        }
      }
    }
  }

  /** All partitions of the events topic, from their ends: events from now on. */
  private void assign(Consumer<String, String> c) {
    List<PartitionInfo> partitions =
        c.partitionsFor(Topics.EXECUTION_EVENTS, Duration.ofSeconds(5));
    if (partitions == null || partitions.isEmpty()) {
      pause(); // not created yet
      return;
    }
    List<TopicPartition> all =
        partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    c.assign(all);
    c.seekToEnd(all);
    all.forEach(c::position); // resolves the end offsets now, not at the first poll
    assigned = true;
    log.info(
        "waking waiting calls from the {} partitions of {}", all.size(), Topics.EXECUTION_EVENTS);
  }

  /** Events are keyed by execution id: only one that a call waits for is parsed. */
  private void dispatch(String key, String value) {
    try {
      if (key != null && !waiters.waitingFor(UUID.fromString(key))) {
        return;
      }
      JsonNode event = JSON.readTree(value);
      ExecutionStatus status = ExecutionStatus.fromWireName(event.path("status").asString());
      if (status.isTerminal()) {
        waiters.ended(UUID.fromString(event.path("executionId").asString()));
      }
    } catch (RuntimeException e) {
      log.debug("ignoring an event that is not a status change: {}", e.toString());
    }
  }

  private void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Whether events are read: a call waiting from now on is woken by its run's end. */
  boolean reading() {
    return assigned;
  }

  @Override
  public void stop() {
    running = false;
    Consumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}

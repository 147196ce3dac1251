package dev.connectorengine.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The system's broker seen from the test: writes raw messages, reads whole topics and tells whether
 * a consumer group has consumed everything.
 */
final class BrokerClient {

  private final String bootstrapServers;

  BrokerClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Partitions of a topic. */
  int partitions(String topic) {
    try (Admin admin = admin()) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(10, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes each message (partition, key, value; partition null for "by key") and waits. */
  void send(String topic, List<Message> messages) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      List<Future<?>> sends = new ArrayList<>();
      for (Message message : messages) {
        sends.add(
            producer.send(
                new ProducerRecord<>(topic, message.partition(), message.key(), message.value())));
      }
      for (var send : sends) {
        send.get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every record on a topic right now, partition by partition. */
  List<ConsumerRecord<String, String>> readAll(String topic) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in 30 s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** Whether the group has committed an offset at the end of every partition of the topic. */
  boolean consumedAll(String group, String topic) {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Set<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .collect(Collectors.toSet());
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get();
      return partitions.stream()
          .allMatch(
              p -> {
                long end = ends.get(p).offset();
                OffsetAndMetadata offset = committed.get(p);
                return end == 0 || (offset != null && offset.offset() >= end);
              });
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the consumer group has exactly {@code members} members and each holds partitions: only
   * then do jobs spread over all of them instead of going to whichever joined first.
   */
  boolean groupIsSpreadOver(String group, int members) {
    try (Admin admin = admin()) {
      ConsumerGroupDescription description =
          admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
      return description.members().size() == members
          && description.members().stream()
              .allMatch(member -> !member.assignment().topicPartitions().isEmpty());
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
  }

  /**
   * A message to write.
   *
   * @param partition the partition, or null to let the key decide
   */
  record Message(Integer partition, String key, String value) {}
}

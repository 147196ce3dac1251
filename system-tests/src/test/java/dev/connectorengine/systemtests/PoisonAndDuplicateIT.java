package dev.connectorengine.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.systemtests.BrokerClient.Message;
import dev.connectorengine.systemtests.ExecutionTable.Row;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 3: messages on the jobs topic that are not jobs, or name no execution, go to the
 * dead-letter topic with the reason in a header, and consumption goes on; a job delivered three
 * times runs the connector once.
 */
class PoisonAndDuplicateIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String WORKER_GROUP = "executor-workers";

  @RegisterExtension static RunningSystem system = RunningSystem.withWorkers(1).build();

  @Test
  void poison_jobs_go_to_the_dead_letter_topic_with_a_reason_and_later_jobs_still_run() {
    Workspace workspace = system.newWorkspace("poison");
    SlowApi api = SlowApi.stub(system, Duration.ZERO);
    String connectorId = api.createConnector(workspace, Duration.ofMinutes(1));
    BrokerClient broker = new BrokerClient(system.broker().bootstrapServers());
    int partitions = broker.partitions(Topics.EXECUTIONS);
    List<Message> poison = new ArrayList<>();
    Set<String> unknownIds = new HashSet<>();
    // Every partition gets each kind, so whichever partition the good job lands on, it is behind
    // them.
    for (int p = 0; p < partitions; p++) {
      String unknown = UUID.randomUUID().toString();
      unknownIds.add(unknown);
      poison.add(new Message(p, "not-json", "this is not a job"));
      poison.add(new Message(p, "wrong-shape", "{\"hello\":\"world\"}"));
      poison.add(new Message(p, "wrong-type", "[1, 2, 3]"));
      poison.add(new Message(p, unknown, job(unknown, workspace.id())));
    }
    broker.send(Topics.EXECUTIONS, poison);

    String good = Triggers.accepted(List.of(Triggers.triggerOne(workspace, connectorId, 1))).get(0);

    ExecutionTable table = new ExecutionTable(system.database());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> table.byId(connectorId).get(good).terminal());
    assertThat(table.byId(connectorId).get(good).status()).isEqualTo("success");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> broker.readAll(Topics.EXECUTIONS_DLQ).size() >= poison.size());
    List<ConsumerRecord<String, String>> letters = broker.readAll(Topics.EXECUTIONS_DLQ);
    assertThat(letters).hasSize(poison.size());
    assertThat(letters)
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrderElementsOf(poison.stream().map(Message::value).toList());
    for (ConsumerRecord<String, String> letter : letters) {
      String reason = reason(letter);
      assertThat(reason).as("reason of %s", letter.value()).isNotBlank();
      if (unknownIds.contains(letter.key())) {
        assertThat(reason).contains(letter.key());
      }
    }
  }

  @Test
  void job_delivered_three_times_runs_the_connector_once() {
    Workspace workspace = system.newWorkspace("duplicates");
    SlowApi api = SlowApi.stub(system, Duration.ofMillis(300));
    String connectorId = api.createConnector(workspace, Duration.ofMinutes(1));
    BrokerClient broker = new BrokerClient(system.broker().bootstrapServers());
    ExecutionTable table = new ExecutionTable(system.database());

    String id = Triggers.accepted(List.of(Triggers.triggerOne(workspace, connectorId, 1))).get(0);
    String published = publishedJob(broker, id);
    // The second copy arrives while the run is pending or running, the third after it ended.
    broker.send(Topics.EXECUTIONS, List.of(new Message(null, id, published)));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> table.byId(connectorId).get(id).terminal());
    broker.send(Topics.EXECUTIONS, List.of(new Message(null, id, published)));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> broker.consumedAll(WORKER_GROUP, Topics.EXECUTIONS));

    Row row = table.byId(connectorId).get(id);
    assertThat(row.status()).isEqualTo("success");
    assertThat(row.attempt()).isEqualTo(1);
    assertThat(api.callsByRun()).isEqualTo(Map.of(id, Map.of("first", 1, "second", 1, "third", 1)));
    Triggers.assertStats(workspace, connectorId, 1, 1, 0);
    long copies =
        broker.readAll(Topics.EXECUTIONS).stream().filter(r -> id.equals(r.key())).count();
    assertThat(copies).isEqualTo(3);
  }

  /** The job the API published for {@code executionId}, as it is on the topic. */
  private static String publishedJob(BrokerClient broker, String executionId) {
    String[] value = new String[1];
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                (value[0] =
                        broker.readAll(Topics.EXECUTIONS).stream()
                            .filter(r -> executionId.equals(r.key()))
                            .map(ConsumerRecord::value)
                            .findFirst()
                            .orElse(null))
                    != null);
    return value[0];
  }

  private static String job(String executionId, String workspaceId) {
    return JSON.writeValueAsString(
        Map.of(
            "executionId",
            executionId,
            "workspaceId",
            workspaceId,
            "attempt",
            0,
            "enqueuedAt",
            Instant.now().toString(),
            "trace",
            Map.of()));
  }

  private static String reason(ConsumerRecord<String, String> letter) {
    Header header = letter.headers().lastHeader(Topics.DLQ_REASON_HEADER);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}

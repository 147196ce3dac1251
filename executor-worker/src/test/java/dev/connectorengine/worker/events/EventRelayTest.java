package dev.connectorengine.worker.events;

import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.messaging.ExecutionEvent;
import dev.connectorengine.worker.testdata.OutboxEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.TopicEvents;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One relay pass at a time, driven by the test (the worker's own relay loop is off), against a real
 * broker; status changes are made as the tables' owner, as any writer would.
 */
@WorkerSpringTest(
    properties = {
      "connector-engine.kafka.partitions=2",
      "connector-engine.worker.events.relay=false",
      "connector-engine.worker.sweep.enabled=false",
      "spring.kafka.listener.auto-startup=false"
    })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class EventRelayTest {

  @Autowired @Owner JdbcClient owner;
  @Autowired EventRelay relay;
  @Autowired TransactionTemplate transactions;
  @Autowired EmbeddedKafkaBroker broker;

  private OutboxEvents outbox;
  private ConnectorRow connector;

  @BeforeEach
  void setUp() {
    outbox = new OutboxEvents(owner);
    connector =
        aConnector()
            .withSteps(step("a", "GET", "http://localhost/a").build())
            .insert(owner, aWorkspace(owner));
    // Whatever earlier tests left behind.
    while (relay.relayOnce(500) > 0) {}
  }

  @Test
  void a_pass_publishes_the_events_keyed_by_execution_with_id_and_sequence_and_deletes_them() {
    UUID id = anExecution(connector).insert(owner);
    moveTo(id, "running");
    moveTo(id, "success");
    List<ExecutionEvent> waiting = outbox.of(id);

    assertThat(relay.relayOnce(500)).isEqualTo(2);

    assertThat(outbox.of(id)).isEmpty();
    List<ExecutionEvent> published = TopicEvents.of(broker.getBrokersAsString(), id, 2);
    assertThat(published).containsExactlyElementsOf(waiting);
    assertThat(published)
        .extracting(ExecutionEvent::status, ExecutionEvent::sequence)
        .containsExactly(tuple(ExecutionStatus.RUNNING, 1), tuple(ExecutionStatus.SUCCESS, 2));
  }

  @Test
  void a_pass_that_dies_before_its_commit_leaves_the_events_to_be_sent_again_with_the_same_ids() {
    UUID id = anExecution(connector).insert(owner);
    moveTo(id, "running");
    ExecutionEvent waiting = outbox.of(id).getFirst();

    // Sent and acknowledged, but the pass's transaction never commits (its worker was killed).
    transactions.executeWithoutResult(
        status -> {
          assertThat(relay.relayOnce(500)).isEqualTo(1);
          status.setRollbackOnly();
        });

    assertThat(outbox.of(id)).containsExactly(waiting);
    assertThat(relay.relayOnce(500)).isEqualTo(1);
    assertThat(outbox.of(id)).isEmpty();
    assertThat(TopicEvents.of(broker.getBrokersAsString(), id, 2))
        .as("published twice, the same event both times")
        .containsExactly(waiting, waiting);
  }

  @Test
  void a_pass_takes_the_oldest_events_first_up_to_its_limit() {
    UUID first = anExecution(connector).insert(owner);
    UUID second = anExecution(connector).insert(owner);
    moveTo(first, "running");
    moveTo(second, "running");
    moveTo(first, "success");

    assertThat(relay.relayOnce(2)).isEqualTo(2);

    assertThat(outbox.of(List.of(first, second)))
        .extracting(ExecutionEvent::executionId, ExecutionEvent::status)
        .containsExactly(tuple(first, ExecutionStatus.SUCCESS));
    assertThat(relay.relayOnce(2)).isEqualTo(1);
  }

  private void moveTo(UUID id, String status) {
    owner
        .sql("UPDATE connector_executions SET status = ? WHERE id = ?")
        .params(status, id)
        .update();
  }
}

package dev.connectorengine.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.connectorengine.systemtests.ConnectorBuilder.aConnector;
import static dev.connectorengine.systemtests.ConnectorBuilder.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.model.messaging.Topics;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A canary secret in a credential reaches the third-party API and nothing else: not our answers,
 * not the execution records, not the Kafka topics, not the processes' logs at DEBUG — even when the
 * target echoes it back in a body or an error.
 */
class SecretRedactionIT {

  private static final Map<String, String> DEBUG_LOGS =
      Map.of(
          "LOGGING_LEVEL_DEV_CONNECTORENGINE", "DEBUG",
          "LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB", "DEBUG",
          "LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_JDBC", "DEBUG",
          "LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_KAFKA", "DEBUG");

  @RegisterExtension static RunningSystem system = debugLogging(RunningSystem.withWorkers(1));

  private static final Set<String> TERMINAL = Set.of("success", "failed", "timeout", "cancelled");

  @Test
  void a_canary_secret_echoed_by_the_target_appears_nowhere_but_in_the_outgoing_request()
      throws IOException {
    Workspace workspace = system.newWorkspace("canary at debug");
    String canary = "canary-" + UUID.randomUUID();
    String prefix = "/echo-" + UUID.randomUUID();
    system
        .wireMock()
        .stubFor(
            get(urlPathEqualTo(prefix + "/whoami"))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"you\": \"" + canary + "\", \"id\": 7}")));
    system
        .wireMock()
        .stubFor(
            get(urlPathEqualTo(prefix + "/refuse"))
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": \"bad key " + canary + "\"}")));
    List<String> answers = new ArrayList<>();
    answers.add(
        workspace
            .api()
            .put(
                "/api/v1/credentials/crm",
                Map.of("type", "api_key", "values", Map.of("apiKey", canary)))
            .body());
    String echoing = createConnector(workspace, prefix + "/whoami", answers);
    String refusing = createConnector(workspace, prefix + "/refuse", answers);

    JsonNode echoed = runToEnd(workspace, echoing, answers);
    JsonNode refused = runToEnd(workspace, refusing, answers);

    assertThat(echoed.path("status").asString()).isEqualTo("success");
    assertThat(refused.path("status").asString()).isEqualTo("failed");
    system
        .wireMock()
        .verify(
            getRequestedFor(urlPathEqualTo(prefix + "/whoami"))
                .withHeader("Authorization", equalTo("Bearer " + canary)));
    answers.add(workspace.api().get("/api/v1/credentials/crm").body());
    answers.add(workspace.api().get("/api/v1/audit-log").body());
    answers.add(workspace.api().get("/api/v1/executions").body());
    assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(canary));
    BrokerClient broker = new BrokerClient(system.broker().bootstrapServers());
    for (String topic : List.of(Topics.EXECUTIONS, Topics.EXECUTION_EVENTS)) {
      for (ConsumerRecord<String, String> record : broker.readAll(topic)) {
        assertThat(record.value()).as("a message on %s", topic).doesNotContain(canary);
      }
    }
    for (Path logFile : system.logFiles()) {
      assertThat(Files.readString(logFile)).as("log %s", logFile).doesNotContain(canary);
    }
  }

  private static String createConnector(Workspace workspace, String path, List<String> answers) {
    Map<String, Object> connector =
        aConnector("Echo " + path)
            .withStep(
                step("call")
                    .request("GET", system.wireMockUrl() + path)
                    .headers(Map.of("Authorization", "Bearer {{ credentials.crm.apiKey }}"))
                    .extract(Map.of("you", "$.you", "id", "$.id")))
            .build();
    var created = workspace.api().post("/api/v1/connectors", connector);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    answers.add(created.body());
    return created.json().path("id").asString();
  }

  private static JsonNode runToEnd(Workspace workspace, String connectorId, List<String> answers) {
    var triggered =
        workspace
            .api()
            .post("/api/v1/connectors/" + connectorId + "/executions", Map.of("input", Map.of()));
    assertThat(triggered.status()).as(triggered.body()).isEqualTo(202);
    answers.add(triggered.body());
    String id = triggered.json().path("id").asString();
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              var answer = workspace.api().get("/api/v1/executions/" + id);
              last[0] = answer.json();
              answers.add(answer.body());
              return TERMINAL.contains(last[0].path("status").asString());
            });
    return last[0];
  }

  private static RunningSystem debugLogging(RunningSystem.Builder builder) {
    DEBUG_LOGS.forEach(
        (name, level) -> {
          builder.apiEnv(name, level);
          builder.workerEnv(name, level);
        });
    return builder.build();
  }
}

package dev.connectorengine.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.connectorengine.systemtests.ConnectorBuilder.aConnector;
import static dev.connectorengine.systemtests.ConnectorBuilder.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.connectorengine.localstack.ApiResponse;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Replay from the failed step and waiting for the result, end to end: real API and workers, the API
 * woken by the workers' status events, the third-party API's request counts in WireMock.
 */
class ReplayIT {

  @RegisterExtension static RunningSystem system = RunningSystem.withWorkers(1).build();

  @Test
  void a_replay_from_the_failed_step_calls_only_the_steps_that_did_not_succeed() {
    Workspace workspace = system.newWorkspace("replay");
    String prefix = "/replay-" + UUID.randomUUID();
    WireMockServer wireMock = system.wireMock();
    wireMock.stubFor(get(urlPathEqualTo(prefix + "/person")).willReturn(json("{\"id\": \"p-9\"}")));
    wireMock.stubFor(
        post(urlPathEqualTo(prefix + "/enrich"))
            .inScenario(prefix)
            .whenScenarioStateIs("Started")
            .willSetStateTo("up")
            .willReturn(aResponse().withStatus(400).withBody("{\"error\": \"not yet\"}")));
    wireMock.stubFor(
        post(urlPathEqualTo(prefix + "/enrich"))
            .inScenario(prefix)
            .whenScenarioStateIs("up")
            .willReturn(json("{\"size\": 42}")));
    String base = system.wireMockUrl() + prefix;
    String connectorId =
        workspace
            .api()
            .post(
                "/api/v1/connectors",
                aConnector("replayed")
                    .withStep(
                        step("person")
                            .request("GET", base + "/person")
                            .extract(Map.of("id", "$.id")))
                    .withStep(
                        step("enrich")
                            .request("POST", base + "/enrich")
                            .body(Map.of("personId", "{{ steps.person.output.id }}"))
                            .extract(Map.of("size", "$.size")))
                    .withFieldMappings(
                        Map.of(
                            "personId", "{{ steps.person.output.id }}",
                            "size", "{{ steps.enrich.output.size }}"))
                    .build())
            .expect(201)
            .json()
            .path("id")
            .asString();

    ApiResponse failed =
        workspace
            .api()
            .post("/api/v1/connectors/" + connectorId + "/executions?wait=20s", Map.of())
            .expect(200);
    String failedId = failed.json().path("id").asString();
    assertThat(failed.json().path("status").asString()).isEqualTo("failed");

    ApiResponse replayed =
        workspace
            .api()
            .post(
                "/api/v1/executions/" + failedId + "/retry?wait=20s", Map.of("from", "failed-step"))
            .expect(200);

    JsonNode replay = replayed.json();
    assertThat(replay.path("status").asString()).isEqualTo("success");
    assertThat(replay.path("retryOf").asString()).isEqualTo(failedId);
    assertThat(replay.path("steps").get(0).path("reused").asBoolean()).isTrue();
    assertThat(replay.path("steps").get(1).has("reused")).isFalse();
    assertThat(replay.path("output").path("personId").asString()).isEqualTo("p-9");
    assertThat(replay.path("output").path("size").asInt()).isEqualTo(42);
    wireMock.verify(1, getRequestedFor(urlPathEqualTo(prefix + "/person")));
    wireMock.verify(2, postRequestedFor(urlPathEqualTo(prefix + "/enrich")));
    assertThat(
            workspace
                .api()
                .get("/api/v1/executions?retryOf=" + failedId)
                .expect(200)
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString())
        .isEqualTo(replay.path("id").asString());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}

package dev.connectorengine.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.connectorengine.systemtests.ConnectorBuilder.aConnector;
import static dev.connectorengine.systemtests.ConnectorBuilder.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.connectorengine.localstack.ApiClient;
import dev.connectorengine.localstack.ApiResponse;
import dev.connectorengine.localstack.DemoSeed;
import dev.connectorengine.localstack.DemoSeeder;
import dev.connectorengine.localstack.DemoTarget;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Issue 2 end to end, through the public HTTP API only, against real processes. */
class ConnectorRunIT {

  @RegisterExtension static RunningSystem system = RunningSystem.withWorkers(2).build();

  private static final Set<String> TERMINAL = Set.of("success", "failed", "timeout", "cancelled");
  private static final int STEP_DELAY_MS = 1_200;

  @Test
  void three_step_connector_goes_from_pending_through_each_step_to_success() {
    Workspace workspace = system.newWorkspace("three steps");
    String prefix = stubThreeStepApi("key-" + UUID.randomUUID(), workspace, STEP_DELAY_MS);
    String connectorId = createThreeStepConnector(workspace, prefix);

    ApiResponse triggered = trigger(workspace, connectorId, "ada@acme.io", null);

    assertThat(triggered.status()).isEqualTo(202);
    assertThat(triggered.json().path("status").asString()).isEqualTo("pending");
    String executionId = triggered.json().path("id").asString();
    assertThat(triggered.header("Location")).endsWith("/api/v1/executions/" + executionId);
    List<String> observed = new ArrayList<>();
    JsonNode execution = pollUntilTerminal(workspace, executionId, observed);

    assertThat(observed).containsSubsequence("running/person", "running/company", "running/update");
    assertThat(execution.path("status").asString()).isEqualTo("success");
    JsonNode steps = execution.path("steps");
    assertThat(steps).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(steps.get(i).path("status").asString()).isEqualTo("success");
      assertThat(steps.get(i).path("httpStatus").asInt()).isEqualTo(200);
      assertThat(steps.get(i).path("attempts").asInt()).isEqualTo(1);
    }
    assertThat(steps.get(0).path("output").path("id").asString()).isEqualTo("p-42");
    assertThat(steps.get(1).path("output").path("size").asInt()).isEqualTo(250);
    assertThat(execution.path("output").path("personId").asString()).isEqualTo("p-42");
    assertThat(execution.path("output").path("companyName").asString()).isEqualTo("Acme Inc");
    assertThat(execution.path("output").path("employees").isNumber()).isTrue();
    assertThat(execution.path("output").path("employees").asInt()).isEqualTo(250);
    system
        .wireMock()
        .verify(
            putRequestedFor(urlPathEqualTo(prefix + "/contacts/p-42"))
                .withRequestBody(equalToJson("{\"companyName\":\"Acme Inc\",\"employees\":250}")));
    assertStats(workspace, connectorId, 1, 1, 0);
  }

  @Test
  void step_answering_400_fails_the_run_naming_that_step() {
    Workspace workspace = system.newWorkspace("bad request");
    String prefix = stubThreeStepApi("key-" + UUID.randomUUID(), workspace, 0);
    WireMockServer wireMock = system.wireMock();
    wireMock.stubFor(
        post(urlPathEqualTo(prefix + "/companies/enrich"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"unknown company\"}")));
    String connectorId = createThreeStepConnector(workspace, prefix);

    String executionId =
        trigger(workspace, connectorId, "ada@acme.io", null)
            .expect(202)
            .json()
            .path("id")
            .asString();
    JsonNode execution = pollUntilTerminal(workspace, executionId, new ArrayList<>());

    assertThat(execution.path("status").asString()).isEqualTo("failed");
    assertThat(execution.path("errorMessage").asString()).contains("company").contains("400");
    JsonNode steps = execution.path("steps");
    assertThat(steps.get(0).path("status").asString()).isEqualTo("success");
    assertThat(steps.get(1).path("status").asString()).isEqualTo("failed");
    assertThat(steps.get(1).path("httpStatus").asInt()).isEqualTo(400);
    assertThat(steps.get(2).path("status").asString()).isEqualTo("skipped");
    wireMock.verify(0, putRequestedFor(urlPathEqualTo(prefix + "/contacts/p-42")));
    assertStats(workspace, connectorId, 1, 0, 1);
  }

  @Test
  void another_workspace_gets_404_for_the_first_ones_connector_and_execution() {
    Workspace owner = system.newWorkspace("owner");
    Workspace stranger = system.newWorkspace("stranger");
    String prefix = stubThreeStepApi("key-" + UUID.randomUUID(), owner, 0);
    String connectorId = createThreeStepConnector(owner, prefix);
    String executionId =
        trigger(owner, connectorId, "ada@acme.io", null).expect(202).json().path("id").asString();

    ApiClient api = stranger.api();
    assertThat(api.get("/api/v1/connectors/" + connectorId).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/executions/" + executionId).status()).isEqualTo(404);
    assertThat(
            api.post(
                    "/api/v1/connectors/" + connectorId + "/executions",
                    Map.of("input", Map.of("email", "eve@evil.io")))
                .status())
        .isEqualTo(404);
    assertThat(api.post("/api/v1/executions/" + executionId + "/cancel", Map.of()).status())
        .isEqualTo(404);
    assertThat(owner.api().get("/api/v1/executions/" + executionId).status()).isEqualTo(200);
  }

  @Test
  void credential_value_reaches_the_third_party_api_and_appears_in_no_answer_of_ours()
      throws IOException {
    Workspace workspace = system.newWorkspace("canary");
    String canary = "canary-" + UUID.randomUUID();
    String prefix = stubThreeStepApi(canary, workspace, 0);
    List<String> answers = new ArrayList<>();
    answers.add(workspace.api().get("/api/v1/credentials/crm").expect(200).body());
    String connectorId = createThreeStepConnector(workspace, prefix);

    ApiResponse triggered = trigger(workspace, connectorId, "ada@acme.io", null).expect(202);
    String executionId = triggered.json().path("id").asString();
    JsonNode execution = pollUntilTerminal(workspace, executionId, new ArrayList<>());

    assertThat(execution.path("status").asString()).isEqualTo("success");
    system
        .wireMock()
        .verify(
            getRequestedFor(urlPathEqualTo(prefix + "/people"))
                .withHeader("X-Api-Key", equalTo(canary)));
    answers.add(triggered.body());
    answers.add(workspace.api().get("/api/v1/executions/" + executionId).expect(200).body());
    answers.add(workspace.api().get("/api/v1/connectors/" + connectorId).expect(200).body());
    answers.add(
        workspace.api().get("/api/v1/executions?connectorId=" + connectorId).expect(200).body());
    answers.add(workspace.api().get("/api/v1/connectors").expect(200).body());
    assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(canary));
    for (Path logFile : system.logFiles()) {
      assertThat(Files.readString(logFile)).as("log %s", logFile).doesNotContain(canary);
    }
  }

  @Test
  void same_idempotency_key_twice_yields_one_execution() {
    Workspace workspace = system.newWorkspace("idempotent");
    String prefix = stubThreeStepApi("key-" + UUID.randomUUID(), workspace, 0);
    String connectorId = createThreeStepConnector(workspace, prefix);
    String key = "flow-run-" + UUID.randomUUID();

    ApiResponse first = trigger(workspace, connectorId, "ada@acme.io", key);
    ApiResponse second = trigger(workspace, connectorId, "ada@acme.io", key);

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    String executionId = first.json().path("id").asString();
    assertThat(second.json().path("id").asString()).isEqualTo(executionId);
    assertThat(
            pollUntilTerminal(workspace, executionId, new ArrayList<>()).path("status").asString())
        .isEqualTo("success");
    JsonNode page =
        workspace.api().get("/api/v1/executions?connectorId=" + connectorId).expect(200).json();
    assertThat(page.path("items")).hasSize(1);
    system.wireMock().verify(1, getRequestedFor(urlPathEqualTo(prefix + "/people")));
    assertStats(workspace, connectorId, 1, 1, 0);
  }

  @Test
  void demo_connector_seeded_as_the_local_stack_does_runs_to_success() {
    try (DemoTarget target = DemoTarget.start(0, "demo-" + UUID.randomUUID())) {
      DemoSeeder seeder = new DemoSeeder(system.admin(), target);
      DemoSeed seed = seeder.seed("Demo");

      String executionId = seeder.trigger(seed, "demo-" + UUID.randomUUID());
      JsonNode execution = seeder.awaitTerminal(seed, executionId, Duration.ofSeconds(60));

      assertThat(execution.path("status").asString()).isEqualTo("success");
      String personId = execution.path("output").path("personId").asString();
      assertThat(execution.path("output").path("companyName").asString()).isEqualTo("Acme");
      assertThat(target.contact(personId).path("employees").isNumber()).isTrue();
      assertThat(seeder.stillValid(seed)).isTrue();
    }
  }

  /**
   * Stubs the fake CRM under a fresh path prefix and stores {@code apiKey} as the workspace's
   * {@code crm} credential; each step answers after {@code delayMs}.
   */
  private static String stubThreeStepApi(String apiKey, Workspace workspace, int delayMs) {
    String prefix = "/crm-" + UUID.randomUUID();
    WireMockServer wireMock = system.wireMock();
    wireMock.stubFor(
        get(urlPathEqualTo(prefix + "/people"))
            .withQueryParam("email", equalTo("ada@acme.io"))
            .withHeader("X-Api-Key", equalTo(apiKey))
            .willReturn(
                json("{\"data\":[{\"id\":\"p-42\",\"company\":\"Acme\"}]}")
                    .withFixedDelay(delayMs)));
    wireMock.stubFor(
        post(urlPathEqualTo(prefix + "/companies/enrich"))
            .withRequestBody(equalToJson("{\"personId\":\"p-42\",\"company\":\"Acme\"}"))
            .willReturn(
                json("{\"company\":{\"name\":\"Acme Inc\",\"size\":250}}")
                    .withFixedDelay(delayMs)));
    wireMock.stubFor(
        put(urlPathEqualTo(prefix + "/contacts/p-42"))
            .withRequestBody(equalToJson("{\"companyName\":\"Acme Inc\",\"employees\":250}"))
            .willReturn(
                json("{\"id\":\"p-42\",\"companyName\":\"Acme Inc\",\"employees\":250}")
                    .withFixedDelay(delayMs)));
    ApiResponse credential =
        workspace
            .api()
            .put(
                "/api/v1/credentials/crm",
                Map.of("type", "api_key", "values", Map.of("apiKey", apiKey)));
    assertThat(credential.status()).as(credential.body()).isIn(200, 201);
    assertThat(credential.body()).doesNotContain(apiKey);
    return prefix;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String createThreeStepConnector(Workspace workspace, String prefix) {
    String base = system.wireMockUrl() + prefix;
    Map<String, Object> connector =
        aConnector("Enrich contact")
            .withInputSchema(
                Map.of(
                    "type", "object",
                    "required", List.of("email"),
                    "properties", Map.of("email", Map.of("type", "string"))))
            .withStep(
                step("person")
                    .request("GET", base + "/people")
                    .query(Map.of("email", "{{ input.email }}"))
                    .headers(Map.of("X-Api-Key", "{{ credentials.crm.apiKey }}"))
                    .extract(Map.of("id", "$.data[0].id", "company", "$.data[0].company")))
            .withStep(
                step("company")
                    .request("POST", base + "/companies/enrich")
                    .body(
                        Map.of(
                            "personId", "{{ steps.person.output.id }}",
                            "company", "{{ steps.person.output.company }}"))
                    .extract(Map.of("name", "$.company.name", "size", "$.company.size")))
            .withStep(
                step("update")
                    .request("PUT", base + "/contacts/{{ steps.person.output.id }}")
                    .body(
                        Map.of(
                            "companyName", "{{ steps.company.output.name }}",
                            "employees", "{{ steps.company.output.size }}"))
                    .extract(Map.of("employees", "$.employees")))
            .withFieldMappings(
                Map.of(
                    "personId", "{{ steps.person.output.id }}",
                    "companyName", "{{ steps.company.output.name }}",
                    "employees", "{{ steps.company.output.size }}"))
            .build();
    ApiResponse created = workspace.api().post("/api/v1/connectors", connector);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private static ApiResponse trigger(
      Workspace workspace, String connectorId, String email, String idempotencyKey) {
    Map<String, Object> body = Map.of("input", Map.of("email", email));
    String path = "/api/v1/connectors/" + connectorId + "/executions";
    return idempotencyKey == null
        ? workspace.api().post(path, body)
        : workspace.api().post(path, body, "Idempotency-Key", idempotencyKey);
  }

  /** Polls until terminal, recording each distinct {@code status/currentStep} seen. */
  private static JsonNode pollUntilTerminal(
      Workspace workspace, String executionId, List<String> observed) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              JsonNode execution =
                  workspace.api().get("/api/v1/executions/" + executionId).expect(200).json();
              String seen =
                  execution.path("status").asString()
                      + "/"
                      + execution.path("currentStep").asString();
              if (observed.isEmpty() || !observed.getLast().equals(seen)) {
                observed.add(seen);
              }
              last[0] = execution;
              return TERMINAL.contains(execution.path("status").asString());
            });
    return last[0];
  }

  private static void assertStats(
      Workspace workspace, String connectorId, int total, int successful, int failed) {
    JsonNode stats =
        workspace.api().get("/api/v1/connectors/" + connectorId).expect(200).json().path("stats");
    assertThat(stats.path("totalExecutions").asInt()).as("total of %s", stats).isEqualTo(total);
    assertThat(stats.path("successfulExecutions").asInt())
        .as("successful of %s", stats)
        .isEqualTo(successful);
    assertThat(stats.path("failedExecutions").asInt()).as("failed of %s", stats).isEqualTo(failed);
  }
}

package dev.connectorengine.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * An integration's action end to end, through the API and a worker against WireMock: a connector
 * step naming it, its pages joined, its output mapped with transforms, its answer cached for the
 * next invocation, its calls in the request log under the integration and action.
 */
class ActionIT {

  @RegisterExtension static RunningSystem system = RunningSystem.withWorkers(1).build();

  @Test
  void a_paged_cached_action_runs_in_a_connector_and_on_its_own() {
    Workspace workspace = system.newWorkspace("actions");
    String prefix = "/crm-" + UUID.randomUUID();
    WireMockServer wireMock = system.wireMock();
    wireMock.stubFor(
        get(urlPathEqualTo(prefix + "/people"))
            .withQueryParam("email", equalTo("ada@example.com"))
            .withQueryParam("cursor", absent())
            .withHeader("X-API-Key", equalTo("k-123"))
            .willReturn(
                json("{\"data\": [{\"id\": \"p-1\", \"name\": \" Ada \"}], \"next\": \"c2\"}")));
    wireMock.stubFor(
        get(urlPathEqualTo(prefix + "/people"))
            .withQueryParam("cursor", equalTo("c2"))
            .willReturn(
                json("{\"data\": [{\"id\": \"p-2\", \"name\": \"Lovelace\"}], \"next\": null}")));
    workspace
        .api()
        .put(
            "/api/v1/credentials/crm-key",
            Map.of("type", "api_key", "values", Map.of("apiKey", "k-123")))
        .expect(201);
    workspace
        .api()
        .post(
            "/api/v1/integrations",
            Map.of(
                "name", "CRM",
                "slug", "crm",
                "baseUrl", system.wireMockUrl() + prefix,
                "authType", "api_key",
                "credential", "crm-key"))
        .expect(201);
    workspace
        .api()
        .post(
            "/api/v1/integrations/crm/actions",
            Map.of(
                "slug",
                "find-people",
                "name",
                "Find people",
                "method",
                "GET",
                "endpointTemplate",
                "/people",
                "query",
                Map.of("email", "{{ input.email | trim | lowercase }}"),
                "inputSchema",
                Map.of("type", "object", "required", List.of("email")),
                "pagination",
                Map.of(
                    "style", "cursor",
                    "itemsPath", "$.data",
                    "cursorPath", "$.next",
                    "cursorParam", "cursor"),
                "cacheable",
                true,
                "cacheTtlSeconds",
                600,
                "outputMapping",
                Map.of(
                    "count", "{{ response.body.data | size }}",
                    "first", "{{ response.body.data[0].name | trim | uppercase }}")))
        .expect(201);
    String connectorId =
        workspace
            .api()
            .post(
                "/api/v1/connectors",
                Map.of(
                    "name",
                    "People",
                    "steps",
                    List.of(
                        Map.of(
                            "id", "people",
                            "action", "crm.find-people",
                            "input", Map.of("email", "{{ input.email }}"))),
                    "fieldMappings",
                    Map.of(
                        "found", "{{ steps.people.output.count }}",
                        "first", "{{ steps.people.output.first }}")))
            .expect(201)
            .json()
            .path("id")
            .asString();

    JsonNode run =
        workspace
            .api()
            .post(
                "/api/v1/connectors/" + connectorId + "/executions?wait=20s",
                Map.of("input", Map.of("email", " ADA@example.com ")))
            .expect(200)
            .json();
    JsonNode invoked =
        workspace
            .api()
            .post(
                "/api/v1/integrations/crm/actions/find-people/invoke?wait=20s",
                Map.of("input", Map.of("email", " ADA@example.com ")))
            .expect(200)
            .json();

    assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("success");
    assertThat(run.path("output").path("found").asInt()).as(run.toString()).isEqualTo(2);
    assertThat(run.path("output").path("first").asString()).isEqualTo("ADA");
    assertThat(invoked.path("status").asString()).as(invoked.toString()).isEqualTo("success");
    assertThat(invoked.path("output").path("count").asInt()).as(invoked.toString()).isEqualTo(2);
    // The invocation had the same input: its answer came from the cache, no call made.
    assertThat(invoked.path("steps").get(0).path("attempts").asInt()).isZero();
    wireMock.verify(2, getRequestedFor(urlPathEqualTo(prefix + "/people")));
    JsonNode logs =
        workspace
            .api()
            .get("/api/v1/request-logs?integration=crm&action=find-people")
            .expect(200)
            .json()
            .path("items");
    assertThat(logs).hasSize(2);
    assertThat(logs.get(0).path("executionId").asString()).isEqualTo(run.path("id").asString());
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}

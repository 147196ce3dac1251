package dev.connectorengine.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.connectorengine.systemtests.ConnectorBuilder.aConnector;
import static dev.connectorengine.systemtests.ConnectorBuilder.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.connectorengine.localstack.ApiResponse;
import dev.connectorengine.systemtests.RunningSystem.Workspace;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fake third-party API of three steps under its own path prefix, each answering 200 after a fixed
 * delay. Every call carries the execution id ({@code ?run=}), so the WireMock journal tells how
 * many times each run called each step.
 */
final class SlowApi {

  static final List<String> STEPS = List.of("first", "second", "third");

  private final RunningSystem system;
  private final String prefix = "/slow-" + UUID.randomUUID();

  private SlowApi(RunningSystem system) {
    this.system = system;
  }

  /** Stubs the three steps on the system's WireMock, each answering after {@code delay}. */
  static SlowApi stub(RunningSystem system, Duration delay) {
    SlowApi api = new SlowApi(system);
    for (String step : STEPS) {
      system
          .wireMock()
          .stubFor(
              get(urlPathEqualTo(api.prefix + "/" + step))
                  .willReturn(
                      aResponse()
                          .withStatus(200)
                          .withHeader("Content-Type", "application/json")
                          .withBody("{\"step\":\"" + step + "\",\"ok\":true}")
                          .withFixedDelay((int) delay.toMillis())));
    }
    return api;
  }

  /** Creates a connector calling the three steps in order; no retries; the given run timeout. */
  String createConnector(Workspace workspace, Duration runTimeout) {
    ConnectorBuilder connector =
        aConnector("Slow three steps").timeoutMs((int) runTimeout.toMillis()).maxRetries(0);
    for (String id : STEPS) {
      connector.withStep(
          step(id)
              .request("GET", system.wireMockUrl() + prefix + "/" + id)
              .query(Map.of("run", "{{ execution.id }}"))
              .extract(Map.of("ok", "$.ok")));
    }
    ApiResponse created = workspace.api().post("/api/v1/connectors", connector.build());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  /** Execution id to step id to how many calls WireMock received, for this API's calls. */
  Map<String, Map<String, Integer>> callsByRun() {
    WireMockServer wireMock = system.wireMock();
    Map<String, Map<String, Integer>> calls = new HashMap<>();
    for (ServeEvent event : wireMock.getAllServeEvents()) {
      String path = event.getRequest().getUrl();
      if (!path.startsWith(prefix + "/")) {
        continue;
      }
      String step = path.substring(prefix.length() + 1).replaceFirst("\\?.*$", "");
      QueryParameter run = event.getRequest().queryParameter("run");
      String runId = run.isPresent() ? run.firstValue() : "?";
      calls.computeIfAbsent(runId, id -> new HashMap<>()).merge(step, 1, Integer::sum);
    }
    return calls;
  }
}

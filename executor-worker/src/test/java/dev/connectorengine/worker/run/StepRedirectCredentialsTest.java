package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aCredential;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.Steps.StepBuilder;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A step whose target redirects to another origin (a second WireMock on its own port): the
 * credential its {@code auth} placed and those its templates filled stay behind.
 */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.sweep.enabled=false",
      "connector-engine.worker.allow-private-targets=true"
    })
@Import(NoBrokerEvents.class)
class StepRedirectCredentialsTest {

  private static final String SECRET = "sk-canary-redirect-90d3";
  private static final String OTHER_SECRET = "k-other-canary-41";

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static final WireMockExtension OTHER =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Autowired @Owner JdbcClient jdbc;
  @Autowired CredentialSealer sealer;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  private UUID workspace;
  private String path;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    path = "/" + UUID.randomUUID();
    OTHER.stubFor(any(anyUrl()).willReturn(okJson("{\"ok\": true}")));
  }

  @Test
  void an_api_key_in_its_default_header_is_not_sent_to_the_origin_a_redirect_names() {
    aCredential(jdbc, sealer, workspace, "crm", "api_key", Map.of("apiKey", SECRET));
    redirectTo(302, OTHER.baseUrl() + path + "/moved");

    ExecutionRow row = run(call().auth("crm").headers(Map.of("X-Trace", "t-1")));

    assertThatExecution(row).hasStatus("success");
    API.verify(getRequestedFor(urlPathEqualTo(path)).withHeader("X-API-Key", equalTo(SECRET)));
    OTHER.verify(
        getRequestedFor(urlPathEqualTo(path + "/moved"))
            .withHeader("X-Trace", equalTo("t-1"))
            .withHeader("X-API-Key", absent()));
  }

  @Test
  void a_templated_credential_header_and_an_api_key_query_parameter_stay_behind() {
    aCredential(
        jdbc,
        sealer,
        workspace,
        "crm",
        "api_key",
        Map.of("apiKey", SECRET, "queryParam", "api_key"));
    aCredential(jdbc, sealer, workspace, "other", "api_key", Map.of("apiKey", OTHER_SECRET));
    // The target copies the query into the new location, as many "moved" redirects do.
    redirectTo(301, OTHER.baseUrl() + path + "/moved?api_key=" + SECRET + "&page=2");

    ExecutionRow row =
        run(
            call()
                .auth("crm")
                .headers(Map.of("X-Other-Key", "{{ credentials.other.apiKey }}"))
                .query(Map.of("page", "2")));

    assertThatExecution(row).hasStatus("success");
    OTHER.verify(
        getRequestedFor(urlPathEqualTo(path + "/moved"))
            .withQueryParam("page", equalTo("2"))
            .withQueryParam("api_key", absent())
            .withHeader("X-Other-Key", absent()));
    assertThat(OTHER.getAllServeEvents().toString())
        .doesNotContain(SECRET)
        .doesNotContain(OTHER_SECRET);
  }

  @Test
  void a_307_that_would_send_a_body_to_another_origin_fails_the_step_unsent() {
    aCredential(jdbc, sealer, workspace, "crm", "bearer", Map.of("token", SECRET));
    redirectTo(307, OTHER.baseUrl() + path + "/moved");

    ExecutionRow row =
        run(
            step("call", "POST", API.baseUrl() + path)
                .body("{\"token\": \"{{ credentials.crm.token }}\"}"));

    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining(
            "step 'call' refused: a 307 redirect to another origin would send the request body"
                + " again; not followed");
    OTHER.verify(0, anyRequestedFor(anyUrl()));
  }

  private void redirectTo(int status, String location) {
    API.stubFor(
        any(urlPathEqualTo(path))
            .willReturn(aResponse().withStatus(status).withHeader("Location", location)));
  }

  private StepBuilder call() {
    return step("call", "GET", API.baseUrl() + path);
  }

  private ExecutionRow run(StepBuilder step) {
    ConnectorRow connector = aConnector().withSteps(step.build()).insert(jdbc, workspace);
    UUID id = anExecution(connector).insert(jdbc);
    List<ClaimedExecution> claimed = claimer.claim(List.of(id)).claimed();
    assertThat(claimed).hasSize(1);
    runner.run(claimed.getFirst());
    return ExecutionRow.read(jdbc, id);
  }
}

package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.connectorengine.model.execution.StepStatus.SUCCESS;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static dev.connectorengine.worker.testdata.Steps.step;
import static dev.connectorengine.worker.testdata.TestData.aConnector;
import static dev.connectorengine.worker.testdata.TestData.aCredential;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static dev.connectorengine.worker.testdata.TestData.anExecution;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.worker.execution.ClaimedExecution;
import dev.connectorengine.worker.execution.ExecutionClaimer;
import dev.connectorengine.worker.testdata.ExecutionRow;
import dev.connectorengine.worker.testdata.NoBrokerEvents;
import dev.connectorengine.worker.testdata.Owner;
import dev.connectorengine.worker.testdata.Steps.StepBuilder;
import dev.connectorengine.worker.testdata.TestData.ConnectorRow;
import dev.connectorengine.worker.testdata.WorkerSpringTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A step's {@code auth} credential lands where its type puts it, as WireMock sees the request. */
@WorkerSpringTest(
    properties = {
      "spring.kafka.listener.auto-startup=false",
      "spring.kafka.admin.auto-create=false",
      "connector-engine.worker.allow-private-targets=true"
    })
@Import(NoBrokerEvents.class)
class StepAuthPlacementTest {

  private static final String SECRET = "sk-canary-placement-51e2";

  @RegisterExtension
  static final WireMockExtension API =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  // Fixtures as the owner: the worker itself acts as connector_engine_worker.
  @Autowired @Owner JdbcClient jdbc;
  @Autowired CredentialSealer sealer;
  @Autowired ExecutionClaimer claimer;
  @Autowired ConnectorRunner runner;

  private UUID workspace;
  private String path;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    path = "/" + UUID.randomUUID() + "/people";
    API.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"ok\": true}")));
  }

  @Test
  void api_key_goes_in_x_api_key_by_default() {
    aCredential(jdbc, sealer, workspace, "crm", "api_key", Map.of("apiKey", SECRET));

    ExecutionRow row = run(call().auth("crm"));

    assertThatExecution(row).hasStatus("success").doesNotContainAnywhere(SECRET);
    API.verify(1, seen().withHeader("X-API-Key", equalTo(SECRET)));
  }

  @Test
  void api_key_goes_in_its_named_header_after_its_prefix() {
    aCredential(
        jdbc,
        sealer,
        workspace,
        "crm",
        "api_key",
        Map.of("apiKey", SECRET, "headerName", "Authorization", "prefix", "Token "));

    run(call().auth("crm").headers(Map.of("Authorization", "replaced by auth")));

    API.verify(1, seen().withHeader("Authorization", equalTo("Token " + SECRET)));
  }

  @Test
  void api_key_with_a_query_parameter_goes_in_the_query_and_no_header() {
    aCredential(
        jdbc,
        sealer,
        workspace,
        "crm",
        "api_key",
        Map.of("apiKey", SECRET, "queryParam", "api_key"));

    ExecutionRow row = run(call().auth("crm").query(Map.of("q", "x")));

    assertThatExecution(row).hasStatus("success");
    API.verify(
        1,
        seen()
            .withQueryParam("api_key", equalTo(SECRET))
            .withQueryParam("q", equalTo("x"))
            .withHeader("X-API-Key", absent()));
  }

  @Test
  void bearer_goes_in_authorization() {
    aCredential(jdbc, sealer, workspace, "crm", "bearer", Map.of("token", SECRET));

    run(call().auth("crm"));

    API.verify(1, seen().withHeader("Authorization", equalTo("Bearer " + SECRET)));
  }

  @Test
  void basic_goes_in_authorization_and_its_base64_value_is_redacted_when_echoed() {
    aCredential(
        jdbc, sealer, workspace, "crm", "basic", Map.of("username", "ada", "password", SECRET));
    String encoded =
        Base64.getEncoder()
            .encodeToString(("ada:" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    API.stubFor(
        get(urlPathEqualTo(path)).willReturn(okJson("{\"echo\": \"Basic " + encoded + "\"}")));

    ExecutionRow row = run(call().auth("crm").extract(Map.of("echo", "$.echo")));

    API.verify(1, seen().withHeader("Authorization", equalTo("Basic " + encoded)));
    assertThatExecution(row)
        .hasStatus("success")
        .hasStepStatuses(SUCCESS)
        .doesNotContainAnywhere(encoded)
        .doesNotContainAnywhere(SECRET);
  }

  @Test
  void templates_keep_working_beside_auth() {
    aCredential(jdbc, sealer, workspace, "crm", "bearer", Map.of("token", SECRET));
    aCredential(jdbc, sealer, workspace, "other", "api_key", Map.of("apiKey", "k-other-77"));

    run(call().auth("crm").headers(Map.of("X-Other", "{{ credentials.other.apiKey }}")));

    API.verify(
        1,
        seen()
            .withHeader("Authorization", equalTo("Bearer " + SECRET))
            .withHeader("X-Other", equalTo("k-other-77")));
  }

  @Test
  void a_missing_auth_credential_fails_the_step_naming_it_without_a_call() {
    ExecutionRow row = run(call().auth("nowhere"));

    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining("credential 'nowhere' is not set up in this workspace");
    API.verify(0, seen());
  }

  private StepBuilder call() {
    return step("call", "GET", API.baseUrl() + path);
  }

  private RequestPatternBuilder seen() {
    return getRequestedFor(urlPathEqualTo(path));
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

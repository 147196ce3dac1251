package dev.connectorengine.worker.testdata;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.execution.StepRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Rows for tests, written with plain SQL as the API would write them. */
public final class TestData {

  private TestData() {}

  public static UUID aWorkspace(JdbcClient jdbc) {
    UUID id = UUID.randomUUID();
    jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, ?)").params(id, "ws-" + id).update();
    return id;
  }

  public static ConnectorBuilder aConnector() {
    return new ConnectorBuilder();
  }

  public static ExecutionBuilder anExecution(ConnectorRow connector) {
    return new ExecutionBuilder(connector);
  }

  /** Seals and stores an active api_key credential. */
  public static void aCredential(
      JdbcClient jdbc,
      CredentialSealer sealer,
      UUID workspaceId,
      String service,
      Map<String, String> values) {
    aCredential(jdbc, sealer, workspaceId, service, "api_key", values);
  }

  /** Seals and stores an active credential of a type; answers its id. */
  public static UUID aCredential(
      JdbcClient jdbc,
      CredentialSealer sealer,
      UUID workspaceId,
      String service,
      String type,
      Map<String, String> values) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO workspace_api_credentials
              (id, workspace_id, service_name, type, sealed_values, value_names)
            VALUES (?, ?, ?, ?, ?, ?::text[])
            """)
        .params(
            id,
            workspaceId,
            service,
            type,
            sealer.seal(workspaceId, service, values),
            "{" + String.join(",", new TreeSet<>(values.keySet())) + "}")
        .update();
    return id;
  }

  /** A stored connector version. */
  public record ConnectorRow(UUID workspaceId, UUID id, int version, List<StepSpec> steps) {}

  public static final class ConnectorBuilder {
    private final List<StepSpec> steps = new ArrayList<>();
    private JsonNode fieldMappings;
    private int timeoutMs = 30_000;
    private boolean continueOnError;
    private int maxRetries;

    public ConnectorBuilder withSteps(StepSpec... specs) {
      steps.addAll(List.of(specs));
      return this;
    }

    public ConnectorBuilder withFieldMappings(String json) {
      fieldMappings = ExecutionJson.read(json);
      return this;
    }

    public ConnectorBuilder withTimeoutMs(int timeout) {
      timeoutMs = timeout;
      return this;
    }

    public ConnectorBuilder withMaxRetries(int retries) {
      maxRetries = retries;
      return this;
    }

    public ConnectorBuilder continuingOnError() {
      continueOnError = true;
      return this;
    }

    public ConnectorRow insert(JdbcClient jdbc, UUID workspaceId) {
      UUID id = UUID.randomUUID();
      jdbc.sql(
              "INSERT INTO connectors (id, workspace_id, name, current_version) VALUES (?, ?, ?, 1)")
          .params(id, workspaceId, "connector " + id)
          .update();
      jdbc.sql(
              """
              INSERT INTO connector_versions
                (connector_id, version, workspace_id, type, steps, field_mappings, timeout_ms,
                 max_retries, continue_on_error)
              VALUES (?, 1, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
              """)
          .params(
              id,
              workspaceId,
              steps.size() == 1 ? "single-step" : "multi-step",
              ExecutionJson.mapper().writeValueAsString(steps),
              ExecutionJson.write(fieldMappings),
              timeoutMs,
              maxRetries,
              continueOnError)
          .update();
      return new ConnectorRow(workspaceId, id, 1, List.copyOf(steps));
    }
  }

  public static final class ExecutionBuilder {
    private final ConnectorRow connector;
    private String input = "{}";
    private int timeoutMs = 30_000;
    private UUID retryOf;
    private List<StepRecord> records;

    ExecutionBuilder(ConnectorRow connector) {
      this.connector = connector;
    }

    public ExecutionBuilder withInput(String json) {
      input = json;
      return this;
    }

    public ExecutionBuilder withTimeoutMs(int timeout) {
      timeoutMs = timeout;
      return this;
    }

    /** A replay of {@code earlier}, starting with these step records, as the retry call writes. */
    public ExecutionBuilder replaying(UUID earlier, List<StepRecord> steps) {
      retryOf = earlier;
      records = steps;
      return this;
    }

    /** Inserts a pending execution, with one pending record per step, as triggering does. */
    public UUID insert(JdbcClient jdbc) {
      UUID id = UUID.randomUUID();
      List<StepRecord> records =
          this.records != null
              ? this.records
              : connector.steps().stream()
                  .map(step -> StepRecord.pending(step.id(), step.name()))
                  .toList();
      jdbc.sql(
              """
              INSERT INTO connector_executions
                (id, workspace_id, connector_id, connector_version, status, steps_executed,
                 input_data, timeout_ms, retry_of)
              VALUES (?, ?, ?, ?, 'pending', ?::jsonb, ?::jsonb, ?, ?)
              """)
          .params(
              id,
              connector.workspaceId(),
              connector.id(),
              connector.version(),
              ExecutionJson.writeSteps(records),
              input,
              timeoutMs,
              retryOf)
          .update();
      return id;
    }
  }
}

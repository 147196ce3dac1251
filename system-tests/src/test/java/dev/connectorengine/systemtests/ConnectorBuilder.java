package dev.connectorengine.systemtests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the JSON of {@code POST /api/v1/connectors}, as DESIGN.md section 5 shows it. */
final class ConnectorBuilder {

  private final Map<String, Object> connector = new LinkedHashMap<>();
  private final List<Map<String, Object>> steps = new ArrayList<>();

  private ConnectorBuilder(String name) {
    connector.put("name", name);
    connector.put("description", "built by a system test");
    connector.put("category", "test");
    connector.put("timeoutMs", 30_000);
    connector.put("maxRetries", 0);
    connector.put("continueOnError", false);
  }

  static ConnectorBuilder aConnector(String name) {
    return new ConnectorBuilder(name);
  }

  static StepBuilder step(String id) {
    return new StepBuilder(id);
  }

  ConnectorBuilder timeoutMs(int timeoutMs) {
    connector.put("timeoutMs", timeoutMs);
    return this;
  }

  ConnectorBuilder maxRetries(int maxRetries) {
    connector.put("maxRetries", maxRetries);
    return this;
  }

  ConnectorBuilder withInputSchema(Map<String, Object> schema) {
    connector.put("inputSchema", schema);
    return this;
  }

  ConnectorBuilder withStep(StepBuilder step) {
    steps.add(step.build());
    return this;
  }

  ConnectorBuilder withFieldMappings(Map<String, Object> mappings) {
    connector.put("fieldMappings", mappings);
    return this;
  }

  Map<String, Object> build() {
    Map<String, Object> body = new LinkedHashMap<>(connector);
    body.put("steps", List.copyOf(steps));
    return body;
  }

  /** One step of a connector. */
  static final class StepBuilder {

    private final Map<String, Object> step = new LinkedHashMap<>();
    private final Map<String, Object> request = new LinkedHashMap<>();

    private StepBuilder(String id) {
      step.put("id", id);
      step.put("name", "Step " + id);
    }

    StepBuilder request(String method, String url) {
      request.put("method", method);
      request.put("url", url);
      return this;
    }

    StepBuilder query(Map<String, String> query) {
      request.put("query", query);
      return this;
    }

    StepBuilder headers(Map<String, String> headers) {
      request.put("headers", headers);
      return this;
    }

    StepBuilder body(Map<String, Object> body) {
      request.put("body", body);
      return this;
    }

    StepBuilder extract(Map<String, String> extract) {
      step.put("extract", extract);
      return this;
    }

    Map<String, Object> build() {
      Map<String, Object> built = new LinkedHashMap<>(step);
      built.put("request", Map.copyOf(request));
      return built;
    }
  }
}

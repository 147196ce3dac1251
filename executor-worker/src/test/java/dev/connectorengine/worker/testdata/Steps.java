package dev.connectorengine.worker.testdata;

import dev.connectorengine.model.connector.HttpRequestSpec;
import dev.connectorengine.model.connector.RetrySpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import java.util.Map;

/** Step specs for tests: {@code get("person", url).query(...).extract(...)}. */
public final class Steps {

  private Steps() {}

  public static StepBuilder step(String id, String method, String url) {
    return new StepBuilder(id, method, url);
  }

  public static final class StepBuilder {
    private final String id;
    private final String method;
    private final String url;
    private Map<String, String> headers = Map.of();
    private Map<String, String> query = Map.of();
    private String body;
    private Map<String, String> extract = Map.of();
    private Integer timeoutMs;
    private Boolean continueOnError;
    private RetrySpec retry;
    private String auth;

    StepBuilder(String id, String method, String url) {
      this.id = id;
      this.method = method;
      this.url = url;
    }

    public StepBuilder headers(Map<String, String> value) {
      headers = value;
      return this;
    }

    public StepBuilder query(Map<String, String> value) {
      query = value;
      return this;
    }

    public StepBuilder body(String json) {
      body = json;
      return this;
    }

    public StepBuilder extract(Map<String, String> value) {
      extract = value;
      return this;
    }

    public StepBuilder timeoutMs(int value) {
      timeoutMs = value;
      return this;
    }

    public StepBuilder continueOnError(boolean value) {
      continueOnError = value;
      return this;
    }

    public StepBuilder retry(Integer maxRetries, Long initialBackoffMs, Long maxBackoffMs) {
      retry = new RetrySpec(maxRetries, initialBackoffMs, maxBackoffMs);
      return this;
    }

    /** The service whose credential the step applies by its type. */
    public StepBuilder auth(String service) {
      auth = service;
      return this;
    }

    public StepSpec build() {
      return new StepSpec(
          id,
          "Step " + id,
          new HttpRequestSpec(method, url, headers, query, ExecutionJson.read(body)),
          extract,
          timeoutMs,
          retry,
          continueOnError,
          auth);
    }
  }
}

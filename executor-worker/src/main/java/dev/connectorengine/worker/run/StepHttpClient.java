package dev.connectorengine.worker.run;

import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.OutboundAnswer;
import dev.connectorengine.model.outbound.OutboundRequest;
import java.io.IOException;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * Sends step requests through the {@link GuardedHttpClient} (the SSRF guard, pinned addresses,
 * guarded redirects) and reads the answer as a step sees it: the body parsed as JSON when it is.
 */
class StepHttpClient {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final GuardedHttpClient http;

  StepHttpClient(GuardedHttpClient http) {
    this.http = http;
  }

  /**
   * Sends the request, following redirects, and reads the whole answer.
   *
   * @throws dev.connectorengine.model.outbound.TargetRefusedException when the guard refuses the
   *     target or a redirect
   * @throws java.net.http.HttpTimeoutException when no complete answer came within {@code timeout}
   * @throws IOException when the connection failed
   * @throws InterruptedException when the run was interrupted; the call is aborted
   * @throws IllegalArgumentException when a header may not be set (as {@code Host})
   */
  HttpAnswer send(PreparedRequest request, Duration timeout)
      throws IOException, InterruptedException {
    OutboundAnswer answer =
        http.send(
            new OutboundRequest(
                request.method(),
                request.uri(),
                request.headers(),
                request.body(),
                request.credentialHeaders(),
                request.credentialQueryParams()),
            timeout);
    String text = answer.bodyText();
    return new HttpAnswer(answer.status(), answer.headers(), parse(text), text, answer.latencyMs());
  }

  private static JsonNode parse(String text) {
    if (text.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      return JsonNodeFactory.instance.stringNode(text);
    }
  }
}

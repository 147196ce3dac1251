package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.InputValidator;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.integration.ActionBinding;
import dev.connectorengine.model.template.JsonPathExtractor;
import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.model.template.Templates;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call of an integration's action by a step: the action's input rendered from the run and
 * checked against the action's {@code inputSchema}, the document the action's templates read, and
 * how a successful answer becomes the step's output (checked against the {@code outputSchema}, then
 * mapped).
 */
final class ActionInvocation {

  private static final InputValidator SCHEMAS = new InputValidator();
  private static final int MAX_LISTED_VIOLATIONS = 5;

  private final StepSpec step;
  private final ActionBinding binding;
  private final JsonNode input;
  private final JsonNode document;

  private ActionInvocation(StepSpec step, JsonNode input, JsonNode document) {
    this.step = step;
    this.binding = step.binding();
    this.input = input;
    this.document = document;
  }

  /**
   * Renders the step's {@code input} against the run and checks it.
   *
   * @throws StepPreparationException naming the template or the input's failing fields
   */
  static ActionInvocation prepare(StepSpec step, RunContext context) {
    if (step.binding() == null) {
      throw new StepPreparationException(
          "step names action '" + step.action() + "' but was saved without it: save it again");
    }
    JsonNode input;
    try {
      input =
          step.input() == null
              ? JsonNodeFactory.instance.objectNode()
              : Templates.render(step.input(), context.document());
    } catch (TemplateException e) {
      throw new StepPreparationException("the action's input: " + e.getMessage());
    }
    List<SpecViolation> violations = SCHEMAS.check(step.binding().inputSchema(), input, "input");
    if (!violations.isEmpty()) {
      throw new StepPreparationException(
          "the input of action '" + step.action() + "' fails its inputSchema: " + list(violations));
    }
    return new ActionInvocation(step, input, context.actionDocument(input));
  }

  ActionBinding binding() {
    return binding;
  }

  /** What the action's templates read. */
  JsonNode document() {
    return document;
  }

  /**
   * Refuses a rendered request that left the integration's base URL (scheme, host and port), which
   * a template value could otherwise do.
   *
   * @throws StepPreparationException naming the base URL
   */
  void requireOnBase(URI uri) {
    URI base = URI.create(binding.baseUrl());
    if (!sameOrigin(base, uri)) {
      throw new StepPreparationException(
          "the request escapes the integration's base URL " + binding.baseUrl());
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && b.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && b.getHost() != null
        && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /**
   * The step's output from a successful answer: the answer's body checked against the action's
   * {@code outputSchema}, then the step's or the action's {@code outputMapping} over {@code input}
   * and {@code response}; without one, the step's {@code extract}, or else the whole body.
   *
   * @throws StepPreparationException naming the paths that fail the schema, or the template
   */
  JsonNode output(HttpAnswer answer) {
    List<SpecViolation> violations = SCHEMAS.check(binding.outputSchema(), answer.body(), "$");
    if (!violations.isEmpty()) {
      throw new StepPreparationException(
          "the answer of action '"
              + step.action()
              + "' fails its outputSchema: "
              + list(violations));
    }
    JsonNode mapping =
        step.outputMapping() != null ? step.outputMapping() : binding.outputMapping();
    if (mapping != null && !mapping.isNull()) {
      ObjectNode context = JsonNodeFactory.instance.objectNode();
      context.set("input", input);
      ObjectNode response = context.putObject("response");
      response.put("status", answer.status());
      response.set("body", answer.body());
      ObjectNode headers = response.putObject("headers");
      answer.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
      try {
        return Templates.render(mapping, context);
      } catch (TemplateException e) {
        throw new StepPreparationException("the output mapping: " + e.getMessage());
      }
    }
    if (!step.extract().isEmpty()) {
      return JsonPathExtractor.extract(step.extract(), answer.body());
    }
    return answer.body();
  }

  /** SHA-256 of the input with object members in name order: the answer cache's key. */
  byte[] inputHash() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(ExecutionJson.write(canonical(input)).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static JsonNode canonical(JsonNode value) {
    if (value.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      value.properties().forEach(field -> sorted.put(field.getKey(), canonical(field.getValue())));
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      sorted.forEach(copy::set);
      return copy;
    }
    if (value.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      value.forEach(element -> copy.add(canonical(element)));
      return copy;
    }
    return value;
  }

  private static String list(List<SpecViolation> violations) {
    String listed =
        violations.stream()
            .limit(MAX_LISTED_VIOLATIONS)
            .map(v -> v.field() + ": " + v.message())
            .collect(Collectors.joining("; "));
    return violations.size() > MAX_LISTED_VIOLATIONS
        ? listed + " (and " + (violations.size() - MAX_LISTED_VIOLATIONS) + " more)"
        : listed;
  }
}

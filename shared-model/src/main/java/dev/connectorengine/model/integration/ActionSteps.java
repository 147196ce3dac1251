package dev.connectorengine.model.integration;

import dev.connectorengine.model.connector.HttpRequestSpec;
import dev.connectorengine.model.connector.InputValidator;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.model.template.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a step that names an action into the step a run executes: the action's request under the
 * integration's base URL, its credential, its retry unless the step sets one, and the {@link
 * ActionBinding}. Also checks, when the connector is saved, what can be known of the step's input
 * against the action's {@code inputSchema}: the fields it lacks and the literal values it holds (a
 * templated value is only known when the run renders it, and is checked then).
 */
public final class ActionSteps {

  /** An integration's or an action's slug. */
  public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private static final InputValidator SCHEMAS = new InputValidator();

  private ActionSteps() {}

  /**
   * Reads {@code integration.action}.
   *
   * @return the two slugs, or empty when the reference is not of that form
   */
  public static Optional<Reference> parse(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    int dot = reference.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String integration = reference.substring(0, dot);
    String action = reference.substring(dot + 1);
    return SLUG.matcher(integration).matches() && SLUG.matcher(action).matches()
        ? Optional.of(new Reference(integration, action))
        : Optional.empty();
  }

  /** The step as a run executes it: what the user wrote, with the action filled in. */
  public static StepSpec resolve(StepSpec step, ActionDefinition definition) {
    ActionSpec spec = definition.spec();
    HttpRequestSpec request =
        new HttpRequestSpec(
            spec.method(),
            joined(definition.baseUrl(), spec.endpointTemplate()),
            spec.headers(),
            spec.query(),
            spec.body());
    ActionBinding binding =
        new ActionBinding(
            definition.integrationId(),
            definition.integration(),
            definition.baseUrl(),
            definition.actionId(),
            definition.action(),
            definition.version(),
            spec.inputSchema(),
            spec.outputSchema(),
            spec.pagination(),
            spec.cacheable() ? spec.cacheTtlSeconds() : null,
            spec.outputMapping());
    return new StepSpec(
        step.id(),
        step.name(),
        request,
        step.extract(),
        step.timeoutMs(),
        step.retry() != null ? step.retry() : spec.retry(),
        step.continueOnError(),
        definition.credential(),
        definition.reference(),
        step.input(),
        step.outputMapping(),
        binding);
  }

  /**
   * An action step as its user wrote it: without the request, credential and binding its action
   * filled in (the step's own retry is kept). What a template holds, since another workspace
   * resolves the step to its own action of that name.
   */
  public static StepSpec asWritten(StepSpec step) {
    if (!step.callsAction()) {
      return step;
    }
    return new StepSpec(
        step.id(),
        step.name(),
        null,
        step.extract(),
        step.timeoutMs(),
        step.retry(),
        step.continueOnError(),
        null,
        step.action(),
        step.input(),
        step.outputMapping(),
        null);
  }

  /** The base URL (without its trailing {@code /}) followed by the endpoint. */
  public static String joined(String baseUrl, String endpoint) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + (endpoint == null ? "" : endpoint);
  }

  /**
   * Checks a step's input against the action's schema as far as it is known when saving: the
   * templated values are left out, and what their absence alone causes is not reported.
   *
   * @param field the input's field name, e.g. {@code steps[0].input}
   */
  public static List<SpecViolation> checkKnownInput(String field, JsonNode input, JsonNode schema) {
    if (schema == null || schema.isNull() || input == null || input.isNull()) {
      return List.of();
    }
    if (!input.isObject()) {
      return List.of(); // one template: the whole input is known only when the run renders it
    }
    ObjectNode known = (ObjectNode) input.deepCopy();
    List<String> templated = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : input.properties()) {
      if (holdsTemplates(member.getValue())) {
        known.remove(member.getKey());
        templated.add("input." + member.getKey());
      }
    }
    List<SpecViolation> violations = new ArrayList<>();
    for (SpecViolation violation : SCHEMAS.check(schema, known, "input")) {
      if (templated.stream()
          .noneMatch(
              t ->
                  violation.field().equals(t)
                      || violation.field().startsWith(t + ".")
                      || violation.field().startsWith(t + "["))) {
        violations.add(
            new SpecViolation(
                field + violation.field().substring("input".length()), violation.message()));
      }
    }
    return violations;
  }

  private static boolean holdsTemplates(JsonNode value) {
    try {
      return !Templates.referencesIn(value).isEmpty();
    } catch (TemplateException e) {
      return true; // reported by the template rules
    }
  }

  /**
   * A step's {@code action}, read.
   *
   * @param integration the integration's slug
   * @param action the action's slug
   */
  public record Reference(String integration, String action) {}
}

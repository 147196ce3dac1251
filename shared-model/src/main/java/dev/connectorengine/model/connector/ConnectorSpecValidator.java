package dev.connectorengine.model.connector;

import dev.connectorengine.model.credential.ServiceNames;
import dev.connectorengine.model.template.JsonPathExtractor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a connector spec before it is saved, returning every violation at once so a user can fix
 * them in one go. Each violation names its field ({@code steps[1].request.url}, {@code
 * fieldMappings.personId}, {@code inputSchema.properties.email.type}).
 */
public final class ConnectorSpecValidator {

  /** Most steps a connector may have. */
  public static final int MAX_STEPS = 50;

  /** Longest whole-run or step timeout: one hour. */
  public static final int MAX_TIMEOUT_MS = 3_600_000;

  /** Most retries per step. */
  public static final int MAX_RETRIES = 10;

  /** Longest backoff between two attempts of a step: ten minutes. */
  public static final long MAX_BACKOFF_MS = 600_000;

  /** Step ids and extract names: they become template path segments. */
  public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

  /** The HTTP methods a request may use. */
  public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** An HTTP header name (an RFC 9110 token). */
  public static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  // A transform's quoted argument may hold "}}" (save time only: rendering uses no regex).
  private static final Pattern TEMPLATE =
      Pattern.compile("\\{\\{(?:\"(?:[^\"\\\\]|\\\\.)*\"|[^\"}]|}(?!}))*?}}");
  private static final int MAX_NAME_LENGTH = 200;

  /** Validates a spec; an empty list means it may be saved. */
  public List<SpecViolation> validate(ConnectorSpec spec) {
    List<SpecViolation> violations = new ArrayList<>();
    checkSteps(spec.steps(), violations);
    range(violations, "timeoutMs", spec.timeoutMs(), 1, MAX_TIMEOUT_MS);
    range(violations, "maxRetries", spec.maxRetries(), 0, MAX_RETRIES);
    InputSchemaRules.check(spec.inputSchema(), violations);
    checkFieldMappings(spec, violations);
    return List.copyOf(violations);
  }

  private static void checkSteps(List<StepSpec> steps, List<SpecViolation> violations) {
    if (steps.isEmpty()) {
      violations.add(new SpecViolation("steps", "must have at least one step"));
      return;
    }
    if (steps.size() > MAX_STEPS) {
      violations.add(
          new SpecViolation(
              "steps", "must have at most " + MAX_STEPS + " steps, has " + steps.size()));
    }
    Map<String, Integer> firstIndexOfId = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      String field = "steps[" + i + "]";
      StepSpec step = steps.get(i);
      String id = step.id();
      if (id == null || id.isBlank()) {
        violations.add(new SpecViolation(field + ".id", "is required"));
      } else if (!IDENTIFIER.matcher(id).matches()) {
        violations.add(
            new SpecViolation(
                field + ".id",
                "'"
                    + id
                    + "' must start with a letter or _ and hold only letters, digits, _ and -"
                    + " (at most 64)"));
      } else if (firstIndexOfId.putIfAbsent(id, i) != null) {
        violations.add(
            new SpecViolation(
                field + ".id",
                "duplicate step id '" + id + "' (also steps[" + firstIndexOfId.get(id) + "])"));
      }
      if (step.name() != null && step.name().length() > MAX_NAME_LENGTH) {
        violations.add(
            new SpecViolation(field + ".name", "must be at most " + MAX_NAME_LENGTH + " chars"));
      }
      checkExtract(field, step.extract(), violations);
      if (step.timeoutMs() != null) {
        range(violations, field + ".timeoutMs", step.timeoutMs(), 1, MAX_TIMEOUT_MS);
      }
      checkRetry(field + ".retry", step.retry(), violations);
      // The credential itself may be created later; only the name's shape is known now.
      if (step.auth() != null && !ServiceNames.isValid(step.auth())) {
        violations.add(new SpecViolation(field + ".auth", ServiceNames.RULE));
      }
    }
    TemplateReferenceRules references = new TemplateReferenceRules(steps);
    for (int i = 0; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      if (!step.callsAction() && (step.input() != null || step.outputMapping() != null)) {
        violations.add(
            new SpecViolation(
                "steps[" + i + "]",
                "input and outputMapping belong to a step that names an action"));
      }
      if (step.callsAction()) {
        ActionStepRules.check("steps[" + i + "]", step, i, references, violations);
        if (step.request() == null) {
          continue; // the action was not found: that is reported, not a missing request
        }
      }
      checkRequest("steps[" + i + "].request", step.request(), i, references, violations);
    }
  }

  private static void checkRequest(
      String field,
      HttpRequestSpec request,
      int stepIndex,
      TemplateReferenceRules references,
      List<SpecViolation> violations) {
    if (request == null) {
      violations.add(new SpecViolation(field, "is required"));
      return;
    }
    if (request.method() == null || request.method().isBlank()) {
      violations.add(new SpecViolation(field + ".method", "is required"));
    } else if (!METHODS.contains(request.method())) {
      violations.add(
          new SpecViolation(
              field + ".method",
              "'" + request.method() + "' must be one of GET, POST, PUT, PATCH, DELETE"));
    }
    checkUrl(field + ".url", request.url(), violations);
    references.checkText(field + ".url", request.url(), stepIndex, violations);
    request
        .headers()
        .forEach(
            (name, value) -> {
              String headerField = field + ".headers." + name;
              if (name == null || !HEADER_NAME.matcher(name).matches()) {
                violations.add(new SpecViolation(headerField, "is not a valid header name"));
              }
              if (value == null) {
                violations.add(new SpecViolation(headerField, "must be a string, not null"));
              }
              references.checkText(headerField, value, stepIndex, violations);
            });
    request
        .query()
        .forEach(
            (name, value) -> {
              String queryField = field + ".query." + name;
              if (name == null || name.isBlank()) {
                violations.add(new SpecViolation(queryField, "query parameter name is blank"));
              }
              if (value == null) {
                violations.add(new SpecViolation(queryField, "must be a string, not null"));
              }
              references.checkText(queryField, value, stepIndex, violations);
            });
    references.checkJson(field + ".body", request.body(), stepIndex, violations);
  }

  private static void checkUrl(String field, String url, List<SpecViolation> violations) {
    if (url == null || url.isBlank()) {
      violations.add(new SpecViolation(field, "is required"));
      return;
    }
    // Templates may fill in parts of it, but scheme and host must be visible when saving.
    String literal = TEMPLATE.matcher(url).replaceAll("t");
    try {
      URI uri = new URI(literal);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        violations.add(
            new SpecViolation(field, "must be an absolute http:// or https:// URL: '" + url + "'"));
      } else if (uri.getHost() == null) {
        violations.add(new SpecViolation(field, "has no host: '" + url + "'"));
      }
    } catch (URISyntaxException e) {
      violations.add(new SpecViolation(field, "is not a valid URL: " + e.getReason()));
    }
  }

  private static void checkExtract(
      String field, Map<String, String> extract, List<SpecViolation> violations) {
    extract.forEach(
        (name, path) -> {
          String extractField = field + ".extract." + name;
          if (name == null || !IDENTIFIER.matcher(name).matches()) {
            violations.add(
                new SpecViolation(
                    extractField,
                    "output name must start with a letter or _ and hold only letters, digits, _"
                        + " and -"));
          }
          String problem = JsonPathExtractor.problemWith(path);
          if (problem != null) {
            violations.add(new SpecViolation(extractField, problem));
          }
        });
  }

  /** Checks retry settings at {@code field}: a step's, or an integration action's. */
  public static void checkRetry(String field, RetrySpec retry, List<SpecViolation> violations) {
    if (retry == null) {
      return;
    }
    if (retry.maxRetries() != null) {
      range(violations, field + ".maxRetries", retry.maxRetries(), 0, MAX_RETRIES);
    }
    if (retry.initialBackoffMs() != null) {
      range(violations, field + ".initialBackoffMs", retry.initialBackoffMs(), 0, MAX_BACKOFF_MS);
    }
    if (retry.maxBackoffMs() != null) {
      range(violations, field + ".maxBackoffMs", retry.maxBackoffMs(), 0, MAX_BACKOFF_MS);
      if (retry.initialBackoffMs() != null && retry.maxBackoffMs() < retry.initialBackoffMs()) {
        violations.add(
            new SpecViolation(field + ".maxBackoffMs", "must not be less than initialBackoffMs"));
      }
    }
  }

  private static void checkFieldMappings(ConnectorSpec spec, List<SpecViolation> violations) {
    JsonNode mappings = spec.fieldMappings();
    if (mappings == null || mappings.isNull() || mappings.isMissingNode()) {
      return;
    }
    if (!mappings.isObject() && !mappings.isString()) {
      violations.add(
          new SpecViolation(
              "fieldMappings", "must be a JSON object, or one template for the whole output"));
      return;
    }
    // The output is built after the last step, so every step's results may be named.
    new TemplateReferenceRules(spec.steps())
        .checkJson("fieldMappings", mappings, spec.steps().size(), violations);
  }

  private static void range(
      List<SpecViolation> violations, String field, long value, long min, long max) {
    if (value < min || value > max) {
      violations.add(
          new SpecViolation(field, "must be between " + min + " and " + max + ", was " + value));
    }
  }
}

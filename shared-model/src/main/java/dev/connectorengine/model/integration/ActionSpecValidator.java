package dev.connectorengine.model.integration;

import dev.connectorengine.model.connector.ConnectorSpecValidator;
import dev.connectorengine.model.connector.InputSchemaRules;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.template.JsonPathExtractor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks an action's spec before it is saved, returning every violation at once, each naming its
 * field as the action's body has it ({@code endpointTemplate}, {@code headers.Authorization},
 * {@code outputSchema.properties.id.type}, {@code pagination.cursorPath}). Pure: whether the
 * integration's credential exists is not its business.
 */
public final class ActionSpecValidator {

  /** Longest time a cached answer is reused: one day. */
  public static final int MAX_CACHE_TTL_SECONDS = 86_400;

  /** The words every endpoint that could leave the base URL is refused with. */
  public static final String ESCAPES = "escapes the integration's base URL";

  private static final Set<String> PAGINATION_STYLES = Set.of("cursor", "page", "link");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*?}}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s");

  /**
   * Validates a spec; an empty list means it may be saved.
   *
   * @param credential the service name of the integration's credential, or null for none: the only
   *     credential the action's templates may read
   */
  public List<SpecViolation> validate(ActionSpec spec, String credential) {
    List<SpecViolation> violations = new ArrayList<>();
    ActionTemplateRules templates = new ActionTemplateRules(credential);
    checkMethod(spec.method(), violations);
    checkEndpoint(spec.endpointTemplate(), violations);
    templates.checkRequestText("endpointTemplate", spec.endpointTemplate(), violations);
    spec.headers()
        .forEach(
            (name, value) -> {
              String field = "headers." + name;
              if (name == null || !ConnectorSpecValidator.HEADER_NAME.matcher(name).matches()) {
                violations.add(new SpecViolation(field, "is not a valid header name"));
              }
              requireValue(field, value, violations);
              templates.checkRequestText(field, value, violations);
            });
    spec.query()
        .forEach(
            (name, value) -> {
              String field = "query." + name;
              if (name == null || name.isBlank()) {
                violations.add(new SpecViolation(field, "query parameter name is blank"));
              }
              requireValue(field, value, violations);
              templates.checkRequestText(field, value, violations);
            });
    templates.checkRequestJson("body", spec.body(), violations);
    InputSchemaRules.check("inputSchema", spec.inputSchema(), true, violations);
    InputSchemaRules.check("outputSchema", spec.outputSchema(), false, violations);
    checkPagination(spec.pagination(), violations);
    ConnectorSpecValidator.checkRetry("retry", spec.retry(), violations);
    checkCache(spec, violations);
    checkOutputMapping("outputMapping", spec.outputMapping(), violations);
    return List.copyOf(violations);
  }

  private static void checkMethod(String method, List<SpecViolation> violations) {
    if (method == null || method.isBlank()) {
      violations.add(new SpecViolation("method", "is required"));
    } else if (!ConnectorSpecValidator.METHODS.contains(method)) {
      violations.add(
          new SpecViolation(
              "method", "'" + method + "' must be one of GET, POST, PUT, PATCH, DELETE"));
    }
  }

  // The endpoint is appended to the base URL: anything that could make it name another host,
  // scheme or a path above the base is refused here; the worker checks the rendered URL again.
  private static void checkEndpoint(String endpoint, List<SpecViolation> violations) {
    if (endpoint == null || endpoint.isBlank()) {
      violations.add(new SpecViolation("endpointTemplate", "is required"));
      return;
    }
    String literal = TEMPLATE.matcher(endpoint).replaceAll("t");
    String reason = null;
    if (!(literal.startsWith("/") || literal.startsWith("?"))) {
      reason = "must start with / (or ? for the base URL itself)";
    } else if (literal.startsWith("//")) {
      reason = "must not start with //, which names a host";
    } else if (literal.contains("\\") || literal.contains("#")) {
      reason = "must not contain \\ or #";
    } else if (WHITESPACE.matcher(literal).find()) {
      reason = "must not contain whitespace";
    } else {
      reason = relativeUriProblem(literal);
    }
    if (reason != null) {
      violations.add(
          new SpecViolation("endpointTemplate", "'" + endpoint + "' " + ESCAPES + ": " + reason));
    }
  }

  private static String relativeUriProblem(String literal) {
    URI uri;
    try {
      uri = new URI(literal);
    } catch (URISyntaxException e) {
      return "it is not a relative URI (" + e.getReason() + ")";
    }
    if (uri.isAbsolute() || uri.getRawAuthority() != null) {
      return "it names a scheme or host";
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return "it must not hold . or .. path segments";
      }
    }
    return null;
  }

  private static void checkPagination(PaginationSpec pagination, List<SpecViolation> violations) {
    if (pagination == null) {
      return;
    }
    String style = pagination.style();
    if (style == null || !PAGINATION_STYLES.contains(style)) {
      violations.add(new SpecViolation("pagination.style", "must be one of cursor, page, link"));
    }
    jsonPath("pagination.itemsPath", pagination.itemsPath(), violations);
    Integer maxPages = pagination.maxPages();
    if (maxPages != null && (maxPages < 1 || maxPages > PaginationSpec.MAX_PAGES)) {
      violations.add(
          new SpecViolation(
              "pagination.maxPages",
              "must be between 1 and " + PaginationSpec.MAX_PAGES + ", was " + maxPages));
    }
    if ("cursor".equals(style)) {
      jsonPath("pagination.cursorPath", pagination.cursorPath(), violations);
      requireText("pagination.cursorParam", pagination.cursorParam(), violations);
    } else if ("page".equals(style)) {
      requireText("pagination.pageParam", pagination.pageParam(), violations);
      if (pagination.startPage() != null && pagination.startPage() < 0) {
        violations.add(new SpecViolation("pagination.startPage", "must be 0 or more"));
      }
    }
  }

  private static void checkCache(ActionSpec spec, List<SpecViolation> violations) {
    Integer ttl = spec.cacheTtlSeconds();
    if (spec.cacheable() && (ttl == null || ttl < 1 || ttl > MAX_CACHE_TTL_SECONDS)) {
      violations.add(
          new SpecViolation(
              "cacheTtlSeconds",
              "is required when cacheable, between 1 and " + MAX_CACHE_TTL_SECONDS));
    } else if (!spec.cacheable() && ttl != null) {
      violations.add(new SpecViolation("cacheTtlSeconds", "is set only with cacheable: true"));
    }
  }

  /**
   * Checks an output mapping, an action's or a step's override of it: a JSON object (or absent)
   * whose templates read {@code input.*} and {@code response.status|body|headers} only.
   */
  public static void checkOutputMapping(
      String field, JsonNode mapping, List<SpecViolation> violations) {
    if (mapping == null || mapping.isNull() || mapping.isMissingNode()) {
      return;
    }
    if (!mapping.isObject()) {
      violations.add(new SpecViolation(field, "must be a JSON object"));
      return;
    }
    ActionTemplateRules.checkOutputMapping(field, mapping, violations);
  }

  private static void jsonPath(String field, String path, List<SpecViolation> violations) {
    if (path == null || path.isBlank()) {
      violations.add(new SpecViolation(field, "is required"));
      return;
    }
    String problem = JsonPathExtractor.problemWith(path);
    if (problem != null) {
      violations.add(new SpecViolation(field, problem));
    }
  }

  private static void requireText(String field, String value, List<SpecViolation> violations) {
    if (value == null || value.isBlank()) {
      violations.add(new SpecViolation(field, "is required"));
    }
  }

  private static void requireValue(String field, String value, List<SpecViolation> violations) {
    if (value == null) {
      violations.add(new SpecViolation(field, "must be a string, not null"));
    }
  }
}

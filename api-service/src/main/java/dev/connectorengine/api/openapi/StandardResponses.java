package dev.connectorengine.api.openapi;

import dev.connectorengine.api.auth.AdminRole;
import dev.connectorengine.api.auth.RequiresAdminRole;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds to every operation the answers it gets from the machinery around it, so a controller
 * declares only its own. How to document a new endpoint:
 *
 * <ol>
 *   <li>{@code @Operation(operationId = "verbNoun", summary = "...")} and, on the controller,
 *       {@code @Tag(name = "<Feature>")} (one tag per feature, with a description once).
 *   <li>An {@code @ApiResponse} for each success status it answers (its body type comes from the
 *       return type; 204 and 304 carry none) and for each error of its own: 404, 409, 422 with a
 *       description only. Every 4xx/5xx is made {@code application/problem+json} here.
 *   <li>Nothing else: from {@link RequiresScope} come the {@code apiKey} security, 401, 403 (naming
 *       the scope, also as {@code x-required-scope}) and 429; without it the call is an admin call
 *       ({@code adminToken}, 401, and 403 naming its {@link RequiresAdminRole}). A
 *       {@code @RequestBody} brings 400, 413 and 415; any parameter 400; every call 500 and 503
 *       (admission control, database away).
 *   <li>In its request and response records, {@code @Schema(requiredMode = REQUIRED)} on each
 *       component that must be sent or is never null ({@link RecordSchemas}).
 * </ol>
 *
 * <p>{@code OpenApiDocumentTest} fails for an operation without an explicit operationId, summary or
 * success answer, and for a free-form JSON field shown as Jackson's bean properties.
 */
@Component
class StandardResponses implements OperationCustomizer {

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    ApiResponses responses = operation.getResponses();
    RequiresScope scope = handler.getMethodAnnotation(RequiresScope.class);
    if (scope != null) {
      String wire = scope.value().wireName();
      operation.addExtension("x-required-scope", wire);
      operation.setDescription(
          prefixed(
              operation.getDescription(), "Requires an API key with the scope `" + wire + "`."));
      operation.addSecurityItem(new SecurityRequirement().addList(OpenApiConfiguration.API_KEY));
      add(responses, "401", "missing, unknown, revoked or expired API key");
      add(responses, "403", "the API key lacks the scope `" + wire + "`");
      add(
          responses,
          "429",
          scope.value() == Scope.EXECUTE
              ? "the API key's rate limit is spent, or, for a call that makes runs, a run limit"
                  + " per UTC day or month of the workspace (`limit`: `runsPerDay`,"
                  + " `runsPerMonth`) or of the key (`apiKey.runsPerDay`, `apiKey.runsPerMonth`)"
                  + " is reached and nothing was written; `Retry-After` says in how many seconds"
                  + " to retry"
              : "the API key's rate limit is spent; `Retry-After` says in how many seconds to"
                  + " retry",
          retryAfter());
    } else {
      RequiresAdminRole role = handler.getMethodAnnotation(RequiresAdminRole.class);
      String wire = role == null ? AdminRole.OWNER.wireName() : role.value().wireName();
      operation.addExtension("x-required-admin-role", wire);
      operation.setDescription(
          prefixed(
              operation.getDescription(),
              "Requires the admin token or the key of an admin user with the role `"
                  + wire
                  + "` or above, not an API key."));
      operation.addSecurityItem(
          new SecurityRequirement().addList(OpenApiConfiguration.ADMIN_TOKEN));
      add(responses, "401", "missing or wrong admin token or admin user key");
      add(responses, "403", "the admin user's role is below `" + wire + "`");
    }
    boolean body = hasRequestBody(handler);
    boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
    if (body || parameters) {
      add(
          responses,
          "400",
          (body ? "malformed JSON, an unknown field, a value of the wrong type" : "")
              + (body && parameters ? " or " : "")
              + (parameters ? "an invalid parameter" : "")
              + "; `errors` names the field");
    }
    if (body) {
      add(responses, "413", "the request body is larger than the limit (1 MB by default)");
      add(responses, "415", "the request body is not `application/json`");
    }
    add(responses, "500", "a fault of ours; the detail says nothing of it");
    add(
        responses,
        "503",
        "the service is busy or its database is away; `Retry-After` says when to retry",
        retryAfter());
    problemJsonForErrors(responses);
    withoutBodies(responses, "204", "304");
    operation.setResponses(sorted(responses));
    return operation;
  }

  private static boolean hasRequestBody(HandlerMethod handler) {
    return Arrays.stream(handler.getMethodParameters())
        .anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
  }

  private static void add(ApiResponses responses, String code, String description) {
    add(responses, code, description, Map.of());
  }

  private static void add(
      ApiResponses responses, String code, String description, Map<String, Header> headers) {
    if (!responses.containsKey(code)) {
      ApiResponse response = new ApiResponse().description(description);
      headers.forEach(response::addHeaderObject);
      responses.addApiResponse(code, response);
    }
  }

  /** Whatever springdoc guessed from the return type, an error answer is a problem. */
  private static void problemJsonForErrors(ApiResponses responses) {
    responses.forEach(
        (code, response) -> {
          if (code.startsWith("4") || code.startsWith("5")) {
            response.setContent(
                new Content()
                    .addMediaType(
                        ProblemSchema.MEDIA_TYPE,
                        new MediaType().schema(new Schema<>().$ref(ProblemSchema.REF))));
          }
        });
  }

  private static void withoutBodies(ApiResponses responses, String... codes) {
    for (String code : codes) {
      if (responses.containsKey(code)) {
        responses.get(code).setContent(null);
      }
    }
  }

  private static Map<String, Header> retryAfter() {
    return Map.of(
        "Retry-After",
        new Header()
            .description("seconds to wait before trying again")
            .schema(new IntegerSchema()));
  }

  private static ApiResponses sorted(ApiResponses responses) {
    ApiResponses ordered = new ApiResponses();
    new TreeMap<>(responses).forEach(ordered::addApiResponse);
    ordered.setExtensions(responses.getExtensions());
    return ordered;
  }

  private static String prefixed(String description, String sentence) {
    return description == null || description.isBlank() ? sentence : description + " " + sentence;
  }
}

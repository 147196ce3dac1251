package dev.connectorengine.model.connector;

import dev.connectorengine.model.integration.ActionBinding;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP step of a connector: a raw request, or an integration's action. A step naming an {@code
 * action} is written by its user with {@code input} (and optionally {@code outputMapping}, {@code
 * retry}, {@code timeoutMs}); when the connector is saved the platform fills in the action's
 * request, credential ({@code auth}) and retry, and its {@code binding}.
 *
 * @param id unique in the connector; later templates refer to it as {@code steps.<id>}
 * @param name display name
 * @param request the HTTP request; any string in it may hold templates
 * @param extract output name to JSON path over the response body ({@code $.data[0].id})
 * @param timeoutMs per-attempt timeout of this step, or null for the run's remaining time
 * @param retry retry override for this step, or null for the connector's
 * @param continueOnError override of the connector's setting for this step, or null
 * @param auth the service name of the workspace credential to apply to the request by its type
 *     (api_key header or query parameter, bearer, basic, oauth2 access token), or null for none
 * @param action {@code integration.action} of the action this step calls, or null for a raw request
 * @param input an action step's input: a JSON value whose strings may hold templates over the run
 *     (as a raw request's); the action's own templates then read it as {@code input}
 * @param outputMapping an action step's override of the action's output mapping, or null
 * @param binding what the step keeps of its action, set by the platform when the connector is
 *     saved; null for a raw request
 */
public record StepSpec(
    String id,
    String name,
    HttpRequestSpec request,
    Map<String, String> extract,
    Integer timeoutMs,
    RetrySpec retry,
    Boolean continueOnError,
    String auth,
    String action,
    JsonNode input,
    JsonNode outputMapping,
    ActionBinding binding) {

  public StepSpec {
    extract = extract == null ? Map.of() : extract;
    // A JSON null is no input or mapping at all, as an absent one is.
    input = input == null || input.isNull() ? null : input;
    outputMapping = outputMapping == null || outputMapping.isNull() ? null : outputMapping;
  }

  /** A raw HTTP step. */
  public StepSpec(
      String id,
      String name,
      HttpRequestSpec request,
      Map<String, String> extract,
      Integer timeoutMs,
      RetrySpec retry,
      Boolean continueOnError,
      String auth) {
    this(
        id,
        name,
        request,
        extract,
        timeoutMs,
        retry,
        continueOnError,
        auth,
        null,
        null,
        null,
        null);
  }

  /** Whether this step calls an integration's action. */
  public boolean callsAction() {
    return action != null;
  }
}

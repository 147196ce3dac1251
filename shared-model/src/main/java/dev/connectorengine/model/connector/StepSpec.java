package dev.connectorengine.model.connector;

import java.util.Map;

/**
 * One HTTP step of a connector.
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
 */
public record StepSpec(
    String id,
    String name,
    HttpRequestSpec request,
    Map<String, String> extract,
    Integer timeoutMs,
    RetrySpec retry,
    Boolean continueOnError,
    String auth) {

  public StepSpec {
    extract = extract == null ? Map.of() : extract;
  }
}

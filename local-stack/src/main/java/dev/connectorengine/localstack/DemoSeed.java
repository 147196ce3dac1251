package dev.connectorengine.localstack;

import java.net.URI;

/**
 * What {@link DemoSeeder} created: enough to trigger and poll the demo connector.
 *
 * @param apiBaseUrl the API it was created on
 * @param workspaceId the demo workspace
 * @param apiKey the workspace's first API key (shown once by the API, so kept here)
 * @param connectorId the 3-step demo connector
 * @param sampleEmail an input the demo target knows how to answer
 */
public record DemoSeed(
    URI apiBaseUrl, String workspaceId, String apiKey, String connectorId, String sampleEmail) {

  /** The curl that triggers the demo connector (the Location header names the execution). */
  public String triggerCurl() {
    return "curl -i -X POST "
        + apiBaseUrl.resolve("/api/v1/connectors/" + connectorId + "/executions")
        + " \\\n  -H 'Authorization: Bearer "
        + apiKey
        + "' \\\n  -H 'Content-Type: application/json' \\\n  -H \"Idempotency-Key: demo-$(date +%s%N)\""
        + " \\\n  -d '{\"input\": {\"email\": \""
        + sampleEmail
        + "\"}}'";
  }

  /** The curl that runs the demo integration's action on its own and waits for its result. */
  public String invokeCurl() {
    return "curl -s -X POST '"
        + apiBaseUrl.resolve(
            "/api/v1/integrations/"
                + DemoIntegration.SLUG
                + "/actions/"
                + DemoIntegration.ACTION
                + "/invoke?wait=10s")
        + "' \\\n  -H 'Authorization: Bearer "
        + apiKey
        + "' \\\n  -H 'Content-Type: application/json' \\\n  -d '{\"input\": {\"email\": \""
        + sampleEmail
        + "\"}}'";
  }

  /** The curl that polls one execution. */
  public String pollCurl(String executionId) {
    return "curl -s "
        + apiBaseUrl.resolve("/api/v1/executions/" + executionId)
        + " \\\n  -H 'Authorization: Bearer "
        + apiKey
        + "'";
  }
}

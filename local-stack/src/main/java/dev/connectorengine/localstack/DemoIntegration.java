package dev.connectorengine.localstack;

import java.util.List;
import java.util.Map;

/**
 * The demo's integration: the demo CRM described once ({@value #SLUG}, its base URL and the demo
 * credential), with one typed action, {@value #ACTION}, that looks a person up by e-mail, maps the
 * answer to {@code id} and {@code company} and caches it for a minute. Invoke it with {@link
 * DemoSeed#invokeCurl()}.
 */
final class DemoIntegration {

  /** The integration's slug. */
  static final String SLUG = "demo-crm";

  /** The action's slug. */
  static final String ACTION = "find-person";

  private DemoIntegration() {}

  /** Creates the integration and its action in the workspace {@code api} acts for. */
  static void create(ApiClient api, DemoTarget target, String credentialService) {
    api.post(
            "/api/v1/integrations",
            Map.of(
                "name",
                "Demo CRM",
                "slug",
                SLUG,
                "description",
                "The local demo CRM that bin/run-local starts",
                "baseUrl",
                target.baseUrl().toString(),
                "authType",
                "api_key",
                "credential",
                credentialService,
                "tags",
                List.of("demo", "crm")))
        .expect(201);
    api.post(
            "/api/v1/integrations/" + SLUG + "/actions",
            Map.of(
                "slug",
                ACTION,
                "name",
                "Find person",
                "method",
                "GET",
                "endpointTemplate",
                "/people",
                "headers",
                Map.of(
                    DemoTarget.API_KEY_HEADER,
                    "{{ credentials." + credentialService + ".apiKey }}"),
                "query",
                Map.of("email", "{{ input.email | trim | lowercase }}"),
                "inputSchema",
                Map.of(
                    "type", "object",
                    "required", List.of("email"),
                    "properties", Map.of("email", Map.of("type", "string"))),
                "cacheable",
                true,
                "cacheTtlSeconds",
                60,
                "outputMapping",
                Map.of(
                    "id", "{{ response.body.data[0].id }}",
                    "company", "{{ response.body.data[0].company }}")))
        .expect(201);
  }
}

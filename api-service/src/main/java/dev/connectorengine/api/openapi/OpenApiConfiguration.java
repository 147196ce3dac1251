package dev.connectorengine.api.openapi;

import dev.connectorengine.api.auth.AdminPrincipal;
import dev.connectorengine.api.auth.ApiPrincipal;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs}: who we are, where we run, the two bearer
 * schemes, the problem+json schema, and free-form JSON shown as free-form. Each operation's answers
 * come from its annotations and {@link StandardResponses}; the webhooks from {@link
 * ExecutionWebhooks}.
 */
@Configuration
class OpenApiConfiguration {

  /** The scheme of the calls behind an API key. */
  static final String API_KEY = "apiKey";

  /** The scheme of the admin calls. */
  static final String ADMIN_TOKEN = "adminToken";

  // The repository's LICENSE; client generators refuse a 3.1 license without an SPDX identifier.
  private static final String LICENSE = "Apache License 2.0";
  private static final String LICENSE_ID = "Apache-2.0";

  static {
    // Resolved from the Authorization header, not a request parameter.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(ApiPrincipal.class, AdminPrincipal.class);
  }

  @Bean
  OpenAPI connectorEngineOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Connector Engine API")
                .version("v1")
                .description(
                    """
                    Runs user-defined API connectors (single- or multi-step HTTP pipelines with \
                    stored, encrypted credentials) asynchronously and reliably, for many \
                    workspaces. Trigger a connector and get an execution id back at once; poll \
                    the execution (ETag, 304) or receive its end as a signed webhook.

                    Every error is RFC 9457 `application/problem+json`; bad input names the \
                    fields at fault in `errors`. Calls take `Authorization: Bearer <API key>` \
                    (each needs one scope: read, execute or configure); the admin calls take the \
                    admin token or an admin user's key instead.""")
                .license(new License().name(LICENSE).identifier(LICENSE_ID)))
        .addServersItem(new Server().url("http://localhost:8080").description("a local run"))
        .components(
            new Components()
                .addSecuritySchemes(
                    API_KEY,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "An API key of the workspace (`ce_...`), made by the admin call or"
                                + " POST /api/v1/api-keys; each call needs one of its scopes."))
                .addSecuritySchemes(
                    ADMIN_TOKEN,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "The platform's admin token (the ADMIN_TOKEN setting, an owner) or"
                                + " an admin user's own key (`cea_...`)."))
                .addSchemas(ProblemSchema.NAME, ProblemSchema.schema()));
  }

  /**
   * A JSON value of the caller's ({@code inputSchema}, {@code input}, a step's body): any JSON,
   * written {@code {}}, not the bean properties of Jackson's {@link JsonNode}.
   */
  @Bean
  ModelConverter freeFormJson() {
    return (type, context, chain) -> {
      Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
      if (JsonNode.class.isAssignableFrom(raw)) {
        return new io.swagger.v3.oas.models.media.JsonSchema();
      }
      return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    };
  }
}

package dev.connectorengine.api.auth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}: bearer API keys, each call's scope (as {@code
 * x-required-scope} and in its description), the principal hidden.
 */
@Configuration
class OpenApiConfiguration {

  static {
    // Resolved from the Authorization header, not a request parameter.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(ApiPrincipal.class);
  }

  @Bean
  OpenAPI connectorEngineOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Connector Engine API")
                .version("v1")
                .description("Runs user-defined API connectors asynchronously and reliably."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "apiKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("an API key (ce_...), or the admin token for /admin")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }

  @Bean
  OperationCustomizer requiredScopes() {
    return (operation, handler) -> {
      RequiresScope scope = handler.getMethodAnnotation(RequiresScope.class);
      if (scope != null) {
        String wire = scope.value().wireName();
        operation.addExtension("x-required-scope", wire);
        String before = operation.getDescription() == null ? "" : operation.getDescription() + " ";
        operation.setDescription(before + "Requires an API key with the scope `" + wire + "`.");
      }
      return operation;
    };
  }
}

package dev.connectorengine.api.webhook;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/webhooks/secret}: the key receivers verify signatures with. */
@RestController
@Tag(name = "Webhooks")
class WebhookSecretController {

  private final WebhookSecrets secrets;

  WebhookSecretController(WebhookSecrets secrets) {
    this.secrets = secrets;
  }

  @GetMapping("/api/v1/webhooks/secret")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "getWebhookSecret",
      summary = "The workspace's webhook signing secret, created on first read")
  @ApiResponse(responseCode = "200", description = "The secret")
  ResponseEntity<WebhookSecretView> get(ApiPrincipal caller) {
    return noStore(secrets.current(caller.workspaceId()).text());
  }

  @PostMapping("/api/v1/webhooks/secret/rotate")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "rotateWebhookSecret",
      summary = "A new signing secret; the previous one keeps signing beside it for a while")
  @ApiResponse(responseCode = "200", description = "The new secret")
  ResponseEntity<WebhookSecretView> rotate(ApiPrincipal caller) {
    return noStore(secrets.rotate(caller).text());
  }

  // The answer holds a secret: no cache may keep it.
  private static ResponseEntity<WebhookSecretView> noStore(String secret) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(new WebhookSecretView(secret));
  }
}

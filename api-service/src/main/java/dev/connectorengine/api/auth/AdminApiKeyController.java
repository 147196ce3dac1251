package dev.connectorengine.api.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The admin's call on one API key of a workspace: its run limits. */
@RestController
@Tag(name = "Admin", description = "Platform administration, with the admin token.")
class AdminApiKeyController {

  private final AdminApiKeys keys;

  AdminApiKeyController(AdminApiKeys keys) {
    this.keys = keys;
  }

  @PatchMapping("/api/v1/admin/workspaces/{id}/api-keys/{keyId}")
  @RequiresAdminRole(AdminRole.ADMIN)
  @Operation(
      operationId = "updateWorkspaceApiKey",
      summary = "Set an API key's run limits",
      description =
          "A JSON merge patch of `runsPerDay` and `runsPerMonth` (0 to 10^12, per day not over per"
              + " month); null clears one. Holds from the key's next request: a limit under the"
              + " key's runs so far makes its next trigger answer 429.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "limits",
                      value = "{\"runsPerDay\": 1000, \"runsPerMonth\": null}")))
  @ApiResponse(responseCode = "200", description = "the key as changed")
  @ApiResponse(
      responseCode = "404",
      description = "no such workspace, it was deleted, or it has no such key",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(
      responseCode = "422",
      description = "another field, a value not a whole number, or one out of range",
      content = @Content(mediaType = "application/problem+json"))
  ApiKeyView patch(@PathVariable UUID id, @PathVariable UUID keyId, @RequestBody JsonNode patch) {
    return keys.setRunLimits(id, keyId, patch);
  }
}

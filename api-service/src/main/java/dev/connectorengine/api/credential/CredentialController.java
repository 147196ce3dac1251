package dev.connectorengine.api.credential;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/credentials}: a workspace's secrets, one credential per service, masked. */
@RestController
@RequestMapping("/api/v1/credentials")
@Tag(
    name = "Credentials",
    description =
        "Secrets for one service per workspace, sealed at rest; answers name the values,"
            + " never show them.")
class CredentialController {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final CredentialService credentials;
  private final CredentialPatches patches;
  private final CredentialTester tester;

  CredentialController(
      CredentialService credentials, CredentialPatches patches, CredentialTester tester) {
    this.credentials = credentials;
    this.patches = patches;
    this.tester = tester;
  }

  @GetMapping
  @RequiresScope(Scope.READ)
  @Operation(
      operationId = "listCredentials",
      summary = "The workspace's credentials, newest first, values never shown")
  @ApiResponse(responseCode = "200", description = "a page of credentials, newest first")
  @ApiResponse(
      responseCode = "400",
      description = "a bad limit, cursor, status or type; `errors` names it")
  Page<CredentialResponse> list(
      ApiPrincipal caller,
      @Parameter(description = "active, expired, revoked or needs_reauth")
          @RequestParam(required = false)
          String status,
      @Parameter(description = "api_key, bearer, basic or oauth2") @RequestParam(required = false)
          String type,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return credentials.list(
        caller.workspaceId(),
        KeysetCursor.decode(cursor),
        status,
        type,
        KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  @PatchMapping("/{service}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "updateCredential",
      summary = "Rename a credential, or switch it off (revoked) and on (active)",
      description =
          "A JSON merge patch of displayName and status; the values stay as they are."
              + " A revoked credential fails the steps that use it until it is active again.")
  @ApiResponse(responseCode = "200", description = "the credential as changed")
  @ApiResponse(responseCode = "404", description = "no credential for this service")
  @ApiResponse(
      responseCode = "422",
      description =
          "an empty patch, a display name over 200 characters, a status other than active or"
              + " revoked; `errors` names them")
  CredentialResponse update(
      ApiPrincipal caller, @PathVariable String service, @RequestBody CredentialPatch patch) {
    return patches.update(caller, service, patch);
  }

  @PutMapping("/{service}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "putCredential", summary = "Store or replace a service's credential")
  @ApiResponse(responseCode = "200", description = "replaced")
  @ApiResponse(responseCode = "201", description = "created")
  @ApiResponse(
      responseCode = "422",
      description = "a wrong type, or values missing or unknown for it; `errors` names them")
  ResponseEntity<CredentialResponse> put(
      ApiPrincipal caller, @PathVariable String service, @RequestBody CredentialRequest request) {
    CredentialService.Saved saved = credentials.put(caller, service, request);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(saved.credential());
  }

  @GetMapping("/{service}")
  @RequiresScope(Scope.READ)
  @Operation(operationId = "getCredential", summary = "Read a credential, values masked")
  @ApiResponse(responseCode = "200", description = "the credential")
  @ApiResponse(responseCode = "404", description = "no credential for this service")
  CredentialResponse get(ApiPrincipal caller, @PathVariable String service) {
    return credentials.get(caller.workspaceId(), service);
  }

  /** Checks the credential against the caller's URL; 200 with the outcome, verified or not. */
  @PostMapping("/{service}/test")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "testCredential",
      summary = "Check a credential against a URL",
      description = "Calls the URL with the credential applied and records whether it worked.")
  @ApiResponse(responseCode = "200", description = "the outcome, verified or not")
  @ApiResponse(responseCode = "404", description = "no credential for this service")
  CredentialTestResult test(
      ApiPrincipal caller,
      @PathVariable String service,
      @RequestBody CredentialTestRequest request) {
    return tester.test(caller, service, request);
  }

  @DeleteMapping("/{service}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "deleteCredential", summary = "Delete a credential")
  @ApiResponse(responseCode = "204", description = "deleted")
  @ApiResponse(responseCode = "404", description = "no credential for this service")
  ResponseEntity<Void> delete(ApiPrincipal caller, @PathVariable String service) {
    credentials.delete(caller, service);
    return ResponseEntity.noContent().build();
  }
}

package dev.connectorengine.api.credential;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/credentials/{service}}: a workspace's secrets for one service, masked. */
@RestController
@RequestMapping("/api/v1/credentials/{service}")
@Tag(
    name = "Credentials",
    description =
        "Secrets for one service per workspace, sealed at rest; answers name the values,"
            + " never show them.")
class CredentialController {

  private final CredentialService credentials;
  private final CredentialTester tester;

  CredentialController(CredentialService credentials, CredentialTester tester) {
    this.credentials = credentials;
    this.tester = tester;
  }

  @PutMapping
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

  @GetMapping
  @RequiresScope(Scope.READ)
  @Operation(operationId = "getCredential", summary = "Read a credential, values masked")
  @ApiResponse(responseCode = "200", description = "the credential")
  @ApiResponse(responseCode = "404", description = "no credential for this service")
  CredentialResponse get(ApiPrincipal caller, @PathVariable String service) {
    return credentials.get(caller.workspaceId(), service);
  }

  /** Checks the credential against the caller's URL; 200 with the outcome, verified or not. */
  @PostMapping("/test")
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

  @DeleteMapping
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "deleteCredential", summary = "Delete a credential")
  @ApiResponse(responseCode = "204", description = "deleted")
  @ApiResponse(responseCode = "404", description = "no credential for this service")
  ResponseEntity<Void> delete(ApiPrincipal caller, @PathVariable String service) {
    credentials.delete(caller, service);
    return ResponseEntity.noContent().build();
  }
}

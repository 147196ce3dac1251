package dev.connectorengine.api.credential;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
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
class CredentialController {

  private final CredentialService credentials;
  private final CredentialTester tester;

  CredentialController(CredentialService credentials, CredentialTester tester) {
    this.credentials = credentials;
    this.tester = tester;
  }

  @PutMapping
  @RequiresScope(Scope.CONFIGURE)
  ResponseEntity<CredentialResponse> put(
      ApiPrincipal caller, @PathVariable String service, @RequestBody CredentialRequest request) {
    CredentialService.Saved saved = credentials.put(caller, service, request);
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(saved.credential());
  }

  @GetMapping
  @RequiresScope(Scope.READ)
  CredentialResponse get(ApiPrincipal caller, @PathVariable String service) {
    return credentials.get(caller.workspaceId(), service);
  }

  /** Checks the credential against the caller's URL; 200 with the outcome, verified or not. */
  @PostMapping("/test")
  @RequiresScope(Scope.CONFIGURE)
  CredentialTestResult test(
      ApiPrincipal caller,
      @PathVariable String service,
      @RequestBody CredentialTestRequest request) {
    return tester.test(caller, service, request);
  }

  @DeleteMapping
  @RequiresScope(Scope.CONFIGURE)
  ResponseEntity<Void> delete(ApiPrincipal caller, @PathVariable String service) {
    credentials.delete(caller, service);
    return ResponseEntity.noContent().build();
  }
}

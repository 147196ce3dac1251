package dev.connectorengine.api.credential;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.credential.ServiceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renames a credential and switches it off ({@code revoked}) or on ({@code active}) without
 * touching its values. The other statuses are the system's to set: {@code expired} follows from
 * {@code expiresAt}, {@code needs_reauth} from the service refusing a token.
 */
@Service
class CredentialPatches {

  static final int MAX_DISPLAY_NAME = 200;
  private static final Set<String> SETTABLE_STATUSES = Set.of("active", "revoked");

  private final CredentialRepository credentials;
  private final CredentialService service;
  private final AuditLog audit;

  CredentialPatches(CredentialRepository credentials, CredentialService service, AuditLog audit) {
    this.credentials = credentials;
    this.service = service;
    this.audit = audit;
  }

  /** Applies the patch and answers the credential as changed; 404 when there is none. */
  @Transactional
  CredentialResponse update(ApiPrincipal caller, String serviceName, CredentialPatch patch) {
    if (!ServiceNames.isValid(serviceName)) {
      throw ApiException.badRequest("service", ServiceNames.RULE);
    }
    check(patch);
    if (!credentials.update(
        caller.workspaceId(),
        serviceName,
        patch.displayNameGiven(),
        patch.getDisplayName(),
        patch.getStatus())) {
      throw ApiException.notFound("credential " + serviceName);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    if (patch.displayNameGiven()) {
      details.put("displayName", patch.getDisplayName());
    }
    if (patch.statusGiven()) {
      details.put("status", patch.getStatus());
    }
    audit.record(caller, AuditAction.CREDENTIAL_UPDATED, serviceName, details);
    return service.get(caller.workspaceId(), serviceName);
  }

  private static void check(CredentialPatch patch) {
    List<SpecViolation> violations = new ArrayList<>();
    if (!patch.displayNameGiven() && !patch.statusGiven()) {
      violations.add(new SpecViolation("displayName", "give displayName or status to change"));
      violations.add(new SpecViolation("status", "give displayName or status to change"));
    }
    String name = patch.getDisplayName();
    if (name != null && (name.isBlank() || name.length() > MAX_DISPLAY_NAME)) {
      violations.add(
          new SpecViolation(
              "displayName",
              "must be 1 to " + MAX_DISPLAY_NAME + " characters, not blank; null clears it"));
    }
    if (patch.statusGiven()
        && (patch.getStatus() == null || !SETTABLE_STATUSES.contains(patch.getStatus()))) {
      violations.add(
          new SpecViolation(
              "status",
              "must be active or revoked, not "
                  + (patch.getStatus() == null ? "null" : "'" + patch.getStatus() + "'")));
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the credential change is invalid", violations);
    }
  }
}

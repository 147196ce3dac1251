package dev.connectorengine.api.credential;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.credential.CredentialType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks, seals and stores the credentials of a workspace. Values never leave this class: the audit
 * log gets the type and the value names only.
 */
@Service
class CredentialService {

  static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final int MAX_VALUE_LENGTH = 16_384;

  private final CredentialRepository credentials;
  private final CredentialSealer sealer;
  private final AuditLog audit;

  CredentialService(CredentialRepository credentials, CredentialSealer sealer, AuditLog audit) {
    this.credentials = credentials;
    this.sealer = sealer;
    this.audit = audit;
  }

  /** Stores the credential; the result says whether it was created or replaced. */
  @Transactional
  Saved put(ApiPrincipal caller, String service, CredentialRequest request) {
    requireServiceName(service);
    CredentialType type = checked(request);
    UUID workspaceId = caller.workspaceId();
    Map<String, String> values = request.values();
    List<String> valueNames = List.copyOf(new TreeSet<>(values.keySet()));
    boolean created =
        credentials.upsert(
            workspaceId,
            service,
            type.wireName(),
            sealer.seal(workspaceId, service, values),
            valueNames,
            request.expiresAt());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("type", type.wireName());
    details.put("valueNames", valueNames);
    if (request.expiresAt() != null) {
      details.put("expiresAt", request.expiresAt().toString());
    }
    audit.record(
        caller,
        created ? AuditAction.CREDENTIAL_CREATED : AuditAction.CREDENTIAL_REPLACED,
        service,
        details);
    return new Saved(get(workspaceId, service), created);
  }

  @Transactional(readOnly = true)
  CredentialResponse get(UUID workspaceId, String service) {
    requireServiceName(service);
    return credentials.find(workspaceId, service).orElseThrow(() -> notFound(service));
  }

  @Transactional
  void delete(ApiPrincipal caller, String service) {
    requireServiceName(service);
    String type =
        credentials.delete(caller.workspaceId(), service).orElseThrow(() -> notFound(service));
    audit.record(caller, AuditAction.CREDENTIAL_DELETED, service, Map.of("type", type));
  }

  private static CredentialType checked(CredentialRequest request) {
    List<SpecViolation> violations = new ArrayList<>();
    CredentialType type = null;
    if (request.type() == null) {
      violations.add(new SpecViolation("type", "is required"));
    } else {
      try {
        type = CredentialType.fromWireName(request.type());
      } catch (IllegalArgumentException e) {
        violations.add(new SpecViolation("type", e.getMessage()));
      }
    }
    Map<String, String> values = request.values() == null ? Map.of() : request.values();
    if (request.values() == null) {
      violations.add(new SpecViolation("values", "is required"));
    }
    if (type != null) {
      for (String name : new TreeSet<>(type.requiredValues())) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
          violations.add(
              new SpecViolation("values." + name, "is required for type " + type.wireName()));
        }
      }
      Set<String> allowed = new TreeSet<>(type.requiredValues());
      allowed.addAll(type.optionalValues());
      for (String name : new TreeSet<>(values.keySet())) {
        if (!allowed.contains(name)) {
          violations.add(
              new SpecViolation(
                  "values." + name,
                  "is not a value of type "
                      + type.wireName()
                      + "; expected "
                      + String.join(", ", allowed)));
        }
      }
    }
    values.forEach(
        (name, value) -> {
          if (value == null) {
            violations.add(new SpecViolation("values." + name, "must be a string, not null"));
          } else if (value.length() > MAX_VALUE_LENGTH) {
            violations.add(
                new SpecViolation(
                    "values." + name, "must be at most " + MAX_VALUE_LENGTH + " chars"));
          }
        });
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the credential is invalid", violations);
    }
    return type;
  }

  private static void requireServiceName(String service) {
    if (!SERVICE_NAME.matcher(service).matches()) {
      throw ApiException.badRequest(
          "service", "must match [a-z0-9][a-z0-9_-]{0,63}: lower-case letters, digits, _ and -");
    }
  }

  private static ApiException notFound(String service) {
    return ApiException.notFound("credential " + service);
  }

  /** A stored credential and whether the PUT created it. */
  record Saved(CredentialResponse credential, boolean created) {}
}

package dev.connectorengine.api.credential;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.requestlog.CredentialTestCall;
import dev.connectorengine.api.requestlog.RequestLogs;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.credential.CredentialType;
import dev.connectorengine.model.credential.CredentialValueRules;
import dev.connectorengine.model.credential.ServiceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks, seals and stores the credentials of a workspace. Values never leave this class: the audit
 * log gets the type and the value names only.
 */
@Service
class CredentialService {

  private static final int MAX_VALUE_LENGTH = 16_384;
  private static final List<String> STATUSES =
      List.of("active", "expired", "revoked", "needs_reauth");

  private final CredentialRepository credentials;
  private final CredentialSealer sealer;
  private final AuditLog audit;
  private final RequestLogs requestLogs;

  CredentialService(
      CredentialRepository credentials,
      CredentialSealer sealer,
      AuditLog audit,
      RequestLogs requestLogs) {
    this.credentials = credentials;
    this.sealer = sealer;
    this.audit = audit;
    this.requestLogs = requestLogs;
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

  /**
   * A page of the workspace's credentials, newest first, optionally only those of one status (as
   * shown: an active one past its expiry is expired) or type.
   */
  @Transactional(readOnly = true)
  Page<CredentialResponse> list(
      UUID workspaceId, KeysetCursor after, String status, String type, int limit) {
    if (status != null && !STATUSES.contains(status)) {
      throw ApiException.badRequest("status", "must be one of " + String.join(", ", STATUSES));
    }
    if (type != null) {
      try {
        CredentialType.fromWireName(type);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("type", e.getMessage());
      }
    }
    List<CredentialRepository.Listed> rows =
        credentials.page(workspaceId, after, status, type, limit + 1);
    List<CredentialResponse> items =
        rows.stream().limit(limit).map(CredentialRepository.Listed::credential).toList();
    if (rows.size() <= limit) {
      return new Page<>(items, null);
    }
    CredentialRepository.Listed last = rows.get(limit - 1);
    return new Page<>(items, new KeysetCursor(last.credential().createdAt(), last.id()).encode());
  }

  @Transactional
  void delete(ApiPrincipal caller, String service) {
    requireServiceName(service);
    String type =
        credentials.delete(caller.workspaceId(), service).orElseThrow(() -> notFound(service));
    audit.record(caller, AuditAction.CREDENTIAL_DELETED, service, Map.of("type", type));
  }

  /** The opened credential to test; 404 when there is none. */
  @Transactional(readOnly = true)
  TestSubject open(UUID workspaceId, String service) {
    requireServiceName(service);
    CredentialRepository.Sealed sealed =
        credentials.findSealed(workspaceId, service).orElseThrow(() -> notFound(service));
    return new TestSubject(
        sealed.id(),
        CredentialType.fromWireName(sealed.type()),
        sealer.open(workspaceId, service, sealed.sealedValues()));
  }

  /**
   * Records a test's outcome, audits it (no secret, no target path) and logs its call, if one was
   * made, in the request log; 404 when it is gone.
   */
  @Transactional
  void recordTest(
      ApiPrincipal caller,
      String service,
      CredentialTestResult result,
      Map<String, ?> target,
      CredentialTestCall call) {
    if (!credentials.recordVerification(caller.workspaceId(), service, result.verified())) {
      throw notFound(service);
    }
    Map<String, Object> details = new LinkedHashMap<>(target);
    details.put("verified", result.verified());
    if (result.httpStatus() != null) {
      details.put("httpStatus", result.httpStatus());
    }
    audit.record(caller, AuditAction.CREDENTIAL_TESTED, service, details);
    if (call != null) {
      requestLogs.recordCredentialTest(caller.workspaceId(), call);
    }
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
    if (type != null && violations.isEmpty()) {
      violations.addAll(CredentialValueRules.check(type, values));
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
    if (!ServiceNames.isValid(service)) {
      throw ApiException.badRequest("service", ServiceNames.RULE);
    }
  }

  private static ApiException notFound(String service) {
    return ApiException.notFound("credential " + service);
  }

  /** A credential opened for a test call. Holds secrets: never log it. */
  record TestSubject(UUID id, CredentialType type, Map<String, String> values) {
    @Override
    public String toString() {
      return "TestSubject[" + id + ", " + type.wireName() + "]";
    }
  }

  /** A stored credential and whether the PUT created it. */
  record Saved(CredentialResponse credential, boolean created) {}
}

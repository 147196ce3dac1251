package dev.connectorengine.api.credential;

import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.credential.CredentialType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks, seals and stores the credentials of a workspace. Values never leave this class. */
@Service
class CredentialService {

  static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final int MAX_VALUE_LENGTH = 16_384;

  private final CredentialRepository credentials;
  private final CredentialSealer sealer;

  CredentialService(CredentialRepository credentials, CredentialSealer sealer) {
    this.credentials = credentials;
    this.sealer = sealer;
  }

  /** Stores the credential; the result says whether it was created or replaced. */
  @Transactional
  Saved put(UUID workspaceId, String service, CredentialRequest request) {
    requireServiceName(service);
    CredentialType type = checked(request);
    Map<String, String> values = request.values();
    boolean created =
        credentials.upsert(
            workspaceId,
            service,
            type.wireName(),
            sealer.seal(workspaceId, service, values),
            List.copyOf(new TreeSet<>(values.keySet())),
            request.expiresAt());
    return new Saved(get(workspaceId, service), created);
  }

  @Transactional(readOnly = true)
  CredentialResponse get(UUID workspaceId, String service) {
    requireServiceName(service);
    return credentials.find(workspaceId, service).orElseThrow(() -> notFound(service));
  }

  @Transactional
  void delete(UUID workspaceId, String service) {
    requireServiceName(service);
    if (!credentials.delete(workspaceId, service)) {
      throw notFound(service);
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

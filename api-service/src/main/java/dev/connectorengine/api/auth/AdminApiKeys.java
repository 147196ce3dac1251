package dev.connectorengine.api.auth;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.tenancy.TransactionWorkspace;
import dev.connectorengine.api.usage.RunLimitRules;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The admin's change of a key's run limits, audited in the key's workspace as the admin's. A key of
 * another workspace, or of a deleted one, answers 404.
 */
@Service
class AdminApiKeys {

  private static final Set<String> PATCHABLE = Set.of("runsPerDay", "runsPerMonth");

  private final AdminApiKeyRepository keys;
  private final TransactionWorkspace transactionWorkspace;
  private final AuditLog audit;

  AdminApiKeys(
      AdminApiKeyRepository keys, TransactionWorkspace transactionWorkspace, AuditLog audit) {
    this.keys = keys;
    this.transactionWorkspace = transactionWorkspace;
    this.audit = audit;
  }

  /** Applies a JSON merge patch of {@code runsPerDay} and {@code runsPerMonth}. */
  @Transactional
  ApiKeyView setRunLimits(UUID workspaceId, UUID keyId, JsonNode patch) {
    transactionWorkspace.enter(workspaceId);
    ApiKeyView current =
        keys.find(workspaceId, keyId).orElseThrow(() -> ApiException.notFound("API key " + keyId));
    if (patch == null || !patch.isObject() || patch.isEmpty()) {
      throw ApiException.invalid(
          "nothing to change",
          List.of(
              new SpecViolation("body", "must be an object with runsPerDay and/or runsPerMonth")));
    }
    List<SpecViolation> violations = new ArrayList<>();
    patch.propertyNames().stream()
        .filter(field -> !PATCHABLE.contains(field))
        .forEach(field -> violations.add(new SpecViolation(field, "cannot be changed here")));
    Long perDay = merged(patch, "runsPerDay", current.runsPerDay(), violations);
    Long perMonth = merged(patch, "runsPerMonth", current.runsPerMonth(), violations);
    if (violations.isEmpty()) {
      violations.addAll(RunLimitRules.violations("", perDay, perMonth));
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the API key change is invalid", violations);
    }
    ApiKeyView changed = keys.setRunLimits(workspaceId, keyId, perDay, perMonth).orElseThrow();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", changed.name());
    details.put("prefix", changed.prefix());
    details.put("runsPerDay", perDay);
    details.put("runsPerMonth", perMonth);
    audit.recordByAdmin(workspaceId, AuditAction.API_KEY_LIMITS_UPDATED, keyId, details);
    return changed;
  }

  private static Long merged(
      JsonNode patch, String field, Long current, List<SpecViolation> violations) {
    if (!patch.has(field)) {
      return current;
    }
    JsonNode value = patch.get(field);
    if (value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      violations.add(new SpecViolation(field, "must be a whole number or null"));
      return current;
    }
    return value.longValue();
  }
}

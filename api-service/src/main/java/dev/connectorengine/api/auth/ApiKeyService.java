package dev.connectorengine.api.auth;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.SpecViolation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, lists and revokes the API keys of a workspace, each change audited. */
@Service
class ApiKeyService {

  private static final int MAX_NAME = 200;

  private final ApiKeyRepository keys;
  private final ApiKeyLimits limits;
  private final AuditLog audit;

  ApiKeyService(ApiKeyRepository keys, ApiKeyLimits limits, AuditLog audit) {
    this.keys = keys;
    this.limits = limits;
    this.audit = audit;
  }

  /**
   * A new key with the asked scopes, expiry and connectors. A key can only grant scopes it holds
   * itself, and only limits as tight as its own, so a key cannot mint a stronger one.
   */
  @Transactional
  CreatedApiKey create(ApiPrincipal caller, ApiKeyRequest request) {
    String name = request.name() == null ? "" : request.name().strip();
    List<SpecViolation> violations = new ArrayList<>();
    Set<Scope> scopes = checked(name, request.scopes(), violations);
    violations.addAll(limits.problems(caller.workspaceId(), request));
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the API key is invalid", violations);
    }
    for (Scope scope : scopes) {
      if (!caller.has(scope)) {
        throw new ApiException(
            HttpStatus.FORBIDDEN,
            "this API key lacks the scope '" + scope + "', so it cannot grant it",
            List.of(new SpecViolation("scopes", "may only hold scopes of the calling key")),
            Map.of("requiredScope", scope.wireName()));
      }
    }
    limits.requireWithinCaller(
        caller,
        keys.find(caller.workspaceId(), caller.keyId()).map(ApiKeyView::expiresAt).orElse(null),
        request);
    UUID id = UUID.randomUUID();
    String key = ApiKeys.generate();
    // PostgreSQL keeps microseconds: answer now what lists will show.
    Instant expiresAt =
        request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MICROS);
    List<UUID> connectorIds =
        request.connectorIds() == null ? null : List.copyOf(request.connectorIds());
    Instant createdAt =
        keys.insert(
            id,
            caller.workspaceId(),
            name,
            key,
            scopes,
            expiresAt,
            connectorIds,
            request.runsPerDay(),
            request.runsPerMonth());
    List<Scope> sorted = ApiKeyRepository.sorted(scopes);
    Map<String, Object> details = details(name, ApiKeys.prefix(key), sorted);
    if (expiresAt != null) {
      details.put("expiresAt", expiresAt.toString());
    }
    if (connectorIds != null) {
      details.put("connectorIds", connectorIds.stream().map(UUID::toString).toList());
    }
    if (request.runsPerDay() != null) {
      details.put("runsPerDay", request.runsPerDay());
    }
    if (request.runsPerMonth() != null) {
      details.put("runsPerMonth", request.runsPerMonth());
    }
    audit.record(caller, AuditAction.API_KEY_CREATED, id, details);
    return new CreatedApiKey(
        id,
        key,
        ApiKeys.prefix(key),
        name,
        sorted,
        createdAt,
        expiresAt,
        connectorIds,
        request.runsPerDay(),
        request.runsPerMonth());
  }

  @Transactional(readOnly = true)
  Page<ApiKeyView> list(UUID workspaceId, KeysetCursor after, int limit) {
    List<ApiKeyView> rows = keys.page(workspaceId, after, limit + 1);
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<ApiKeyView> page = List.copyOf(rows.subList(0, limit));
    ApiKeyView last = page.getLast();
    return new Page<>(page, new KeysetCursor(last.createdAt(), last.id()).encode());
  }

  /**
   * Revokes a key of the caller's workspace, the caller's own included; revoking a revoked key
   * again changes nothing. Another workspace's key answers 404.
   */
  @Transactional
  void revoke(ApiPrincipal caller, UUID id) {
    Optional<ApiKeyView> revoked = keys.revoke(caller.workspaceId(), id);
    if (revoked.isPresent()) {
      ApiKeyView key = revoked.get();
      audit.record(
          caller, AuditAction.API_KEY_REVOKED, id, details(key.name(), key.prefix(), key.scopes()));
    } else if (keys.find(caller.workspaceId(), id).isEmpty()) {
      throw ApiException.notFound("API key " + id);
    }
  }

  private static Set<Scope> checked(
      String name, List<String> requested, List<SpecViolation> violations) {
    if (name.isEmpty() || name.length() > MAX_NAME) {
      violations.add(new SpecViolation("name", "is required, 1 to " + MAX_NAME + " chars"));
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    if (requested == null || requested.isEmpty()) {
      violations.add(new SpecViolation("scopes", "needs at least one of read, execute, configure"));
    } else {
      for (int i = 0; i < requested.size(); i++) {
        String wire = requested.get(i);
        Optional<Scope> scope = wire == null ? Optional.empty() : Scope.fromWireName(wire);
        if (scope.isEmpty()) {
          violations.add(
              new SpecViolation("scopes[" + i + "]", "must be one of read, execute, configure"));
        }
        scope.ifPresent(scopes::add);
      }
    }
    return scopes;
  }

  private static Map<String, Object> details(String name, String prefix, List<Scope> scopes) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", name);
    details.put("prefix", prefix);
    details.put("scopes", scopes.stream().map(Scope::wireName).toList());
    return details;
  }
}

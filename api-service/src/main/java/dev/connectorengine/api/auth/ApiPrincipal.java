package dev.connectorengine.api.auth;

import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * The caller of a request, from its API key. Every repository call of the request is scoped to
 * {@link #workspaceId()}.
 *
 * @param keyId the API key used
 * @param workspaceId the workspace the key belongs to
 * @param scopes what the key may do
 * @param connectorIds the only connectors the key may trigger; null when it may trigger every
 *     connector of its workspace
 * @param runsPerDay most runs the key may trigger per UTC day; null for none of its own
 * @param runsPerMonth most runs the key may trigger per UTC month; null for none of its own
 */
public record ApiPrincipal(
    UUID keyId,
    UUID workspaceId,
    Set<Scope> scopes,
    Set<UUID> connectorIds,
    Long runsPerDay,
    Long runsPerMonth) {

  static final String ATTRIBUTE = ApiPrincipal.class.getName();

  public ApiPrincipal {
    scopes = Set.copyOf(scopes);
    connectorIds = connectorIds == null ? null : Set.copyOf(connectorIds);
  }

  /** A caller whose key may trigger every connector of its workspace. */
  public ApiPrincipal(UUID keyId, UUID workspaceId, Set<Scope> scopes) {
    this(keyId, workspaceId, scopes, null);
  }

  /** A caller whose key has no run limits of its own. */
  public ApiPrincipal(UUID keyId, UUID workspaceId, Set<Scope> scopes, Set<UUID> connectorIds) {
    this(keyId, workspaceId, scopes, connectorIds, null, null);
  }

  /** Whether the key has run limits of its own, which its runs are counted against. */
  public boolean hasRunLimits() {
    return runsPerDay != null || runsPerMonth != null;
  }

  /** Whether the key holds this scope. */
  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }

  /**
   * Refuses with 403 a key that is limited to other connectors. Every path that makes an execution
   * of a connector (trigger, batch, retry, action invoke) asks this first; reads stay
   * workspace-wide.
   */
  public void requireMayTrigger(UUID connectorId) {
    if (connectorIds == null || connectorIds.contains(connectorId)) {
      return;
    }
    throw new ApiException(
        HttpStatus.FORBIDDEN,
        "this API key may not trigger connector " + connectorId + ": it is limited to others",
        List.of(new SpecViolation("connectorId", "is not among the key's connectorIds")),
        Map.of("connectorId", connectorId.toString()));
  }

  /** The caller authenticated for this request, if the API-key check has run and passed. */
  public static Optional<ApiPrincipal> of(HttpServletRequest request) {
    return Optional.ofNullable((ApiPrincipal) request.getAttribute(ATTRIBUTE));
  }
}

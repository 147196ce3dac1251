package dev.connectorengine.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The caller of a request, from its API key. Every repository call of the request is scoped to
 * {@link #workspaceId()}.
 *
 * @param keyId the API key used
 * @param workspaceId the workspace the key belongs to
 * @param scopes what the key may do
 */
public record ApiPrincipal(UUID keyId, UUID workspaceId, Set<Scope> scopes) {

  static final String ATTRIBUTE = ApiPrincipal.class.getName();

  public ApiPrincipal {
    scopes = Set.copyOf(scopes);
  }

  /** Whether the key holds this scope. */
  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }

  /** The caller authenticated for this request, if the API-key check has run and passed. */
  public static Optional<ApiPrincipal> of(HttpServletRequest request) {
    return Optional.ofNullable((ApiPrincipal) request.getAttribute(ATTRIBUTE));
  }
}

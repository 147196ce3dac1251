package dev.connectorengine.api.auth;

import java.util.Set;
import java.util.UUID;

/**
 * The caller of a request, from its API key. Every repository call of the request is scoped to
 * {@link #workspaceId()}.
 *
 * @param keyId the API key used
 * @param workspaceId the workspace the key belongs to
 * @param scopes what the key may do: {@code read}, {@code execute}, {@code configure}
 */
public record ApiPrincipal(UUID keyId, UUID workspaceId, Set<String> scopes) {

  public ApiPrincipal {
    scopes = Set.copyOf(scopes);
  }
}

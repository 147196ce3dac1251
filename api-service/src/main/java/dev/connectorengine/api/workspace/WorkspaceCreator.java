package dev.connectorengine.api.workspace;

import dev.connectorengine.api.auth.ApiKeyRepository;
import dev.connectorengine.api.auth.ApiKeys;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates a workspace and its first API key, together or not at all. */
@Service
class WorkspaceCreator {

  static final Set<String> FIRST_KEY_SCOPES = Set.of("read", "execute", "configure");

  private final WorkspaceRepository workspaces;
  private final ApiKeyRepository keys;

  WorkspaceCreator(WorkspaceRepository workspaces, ApiKeyRepository keys) {
    this.workspaces = workspaces;
    this.keys = keys;
  }

  @Transactional
  CreatedWorkspace create(String name) {
    UUID id = UUID.randomUUID();
    workspaces.insert(id, name);
    String key = ApiKeys.generate();
    keys.insert(UUID.randomUUID(), id, "initial key", key, FIRST_KEY_SCOPES);
    return new CreatedWorkspace(id, name, key);
  }

  /**
   * A new workspace; the key is shown this once.
   *
   * @param apiKey the first API key, with every scope
   */
  record CreatedWorkspace(UUID id, String name, String apiKey) {}
}

package dev.connectorengine.api.workspace;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiKeyRepository;
import dev.connectorengine.api.auth.ApiKeys;
import dev.connectorengine.api.auth.Scope;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates a workspace and its first API key (audited as the admin's), together or not at all. */
@Service
class WorkspaceCreator {

  static final Set<Scope> FIRST_KEY_SCOPES = Set.of(Scope.values());
  private static final String FIRST_KEY_NAME = "initial key";

  private final WorkspaceRepository workspaces;
  private final ApiKeyRepository keys;
  private final AuditLog audit;

  WorkspaceCreator(WorkspaceRepository workspaces, ApiKeyRepository keys, AuditLog audit) {
    this.workspaces = workspaces;
    this.keys = keys;
    this.audit = audit;
  }

  @Transactional
  CreatedWorkspace create(String name) {
    UUID id = UUID.randomUUID();
    workspaces.insert(id, name);
    String key = ApiKeys.generate();
    UUID keyId = UUID.randomUUID();
    keys.insert(keyId, id, FIRST_KEY_NAME, key, FIRST_KEY_SCOPES);
    audit.recordByAdmin(
        id,
        AuditAction.API_KEY_CREATED,
        keyId,
        Map.of(
            "name",
            FIRST_KEY_NAME,
            "prefix",
            ApiKeys.prefix(key),
            "scopes",
            Arrays.stream(Scope.values()).map(Scope::wireName).toList()));
    return new CreatedWorkspace(id, name, key);
  }

  /**
   * A new workspace; the key is shown this once.
   *
   * @param apiKey the first API key, with every scope
   */
  record CreatedWorkspace(UUID id, String name, String apiKey) {}
}

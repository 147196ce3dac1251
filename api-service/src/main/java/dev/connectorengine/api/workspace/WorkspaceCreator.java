package dev.connectorengine.api.workspace;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiKeyRepository;
import dev.connectorengine.api.auth.ApiKeys;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.tenancy.TransactionWorkspace;
import io.swagger.v3.oas.annotations.media.Schema;
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
  private final TransactionWorkspace transactionWorkspace;

  WorkspaceCreator(
      WorkspaceRepository workspaces,
      ApiKeyRepository keys,
      AuditLog audit,
      TransactionWorkspace transactionWorkspace) {
    this.workspaces = workspaces;
    this.keys = keys;
    this.audit = audit;
    this.transactionWorkspace = transactionWorkspace;
  }

  @Transactional
  CreatedWorkspace create(String name) {
    UUID id = UUID.randomUUID();
    // The admin acts for no workspace: row-level security lets it write the new one's rows only.
    transactionWorkspace.enter(id);
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
  record CreatedWorkspace(
      @Schema(requiredMode = REQUIRED) UUID id,
      @Schema(requiredMode = REQUIRED) String name,
      @Schema(requiredMode = REQUIRED) String apiKey) {}
}

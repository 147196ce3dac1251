package dev.connectorengine.api.workspace;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.tenancy.TransactionWorkspace;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin's view of workspaces: every live one with its usage, one changed (name, settings), or
 * one deleted. A change is audited in the workspace's own log as the admin's. Deleting marks the
 * workspace and revokes its keys in one transaction: its keys stop working at once, and the admin
 * calls answer 404 for it from then on; the workers purge its rows later (the worker's {@code
 * WorkspacePurge}).
 */
@Service
class AdminWorkspaces {

  private static final Set<String> PATCHABLE = Set.of("name", "settings");
  private static final int MAX_NAME = 200;

  private final WorkspaceRepository workspaces;
  private final TransactionWorkspace transactionWorkspace;
  private final AuditLog audit;
  private final JsonMapper json;

  AdminWorkspaces(
      WorkspaceRepository workspaces,
      TransactionWorkspace transactionWorkspace,
      AuditLog audit,
      JsonMapper json) {
    this.workspaces = workspaces;
    this.transactionWorkspace = transactionWorkspace;
    this.audit = audit;
    this.json = json;
  }

  @Transactional(readOnly = true)
  Page<WorkspaceView> list(KeysetCursor after, int limit) {
    List<WorkspaceView> rows = workspaces.page(after, limit + 1);
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<WorkspaceView> page = List.copyOf(rows.subList(0, limit));
    WorkspaceView last = page.getLast();
    return new Page<>(page, new KeysetCursor(last.createdAt(), last.id()).encode());
  }

  @Transactional(readOnly = true)
  WorkspaceView get(UUID id) {
    transactionWorkspace.enter(id);
    return workspaces.find(id).orElseThrow(() -> notFound(id));
  }

  /** Applies a JSON merge patch of {@code name} and {@code settings} (null clears a setting). */
  @Transactional
  WorkspaceView patch(UUID id, JsonNode patch) {
    transactionWorkspace.enter(id);
    WorkspaceView current = workspaces.find(id).orElseThrow(() -> notFound(id));
    List<SpecViolation> violations = new ArrayList<>();
    if (patch == null || !patch.isObject() || patch.isEmpty()) {
      throw ApiException.invalid(
          "nothing to change",
          List.of(new SpecViolation("body", "must be an object with name and/or settings")));
    }
    patch.propertyNames().stream()
        .filter(field -> !PATCHABLE.contains(field))
        .forEach(field -> violations.add(new SpecViolation(field, "cannot be changed here")));
    String name = current.name();
    if (patch.has("name")) {
      JsonNode given = patch.get("name");
      name = given.isString() ? given.stringValue().strip() : "";
      if (name.isEmpty() || name.length() > MAX_NAME) {
        violations.add(new SpecViolation("name", "is required, at most " + MAX_NAME + " chars"));
      }
    }
    ObjectNode settings = (ObjectNode) current.settings().deepCopy();
    if (patch.has("settings")) {
      merge(settings, patch.get("settings"), violations);
    }
    if (violations.isEmpty()) {
      violations.addAll(settingsViolations(settings));
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the workspace change is invalid", violations);
    }
    workspaces.update(id, name, settings);
    audit.recordByAdmin(
        id,
        AuditAction.WORKSPACE_UPDATED,
        id,
        Map.of("name", name, "settings", json.convertValue(settings, Map.class)));
    return workspaces.find(id).orElseThrow();
  }

  @Transactional
  void delete(UUID id) {
    transactionWorkspace.enter(id);
    WorkspaceView current = workspaces.find(id).orElseThrow(() -> notFound(id));
    workspaces.markDeleted(id);
    audit.recordByAdmin(id, AuditAction.WORKSPACE_DELETED, id, Map.of("name", current.name()));
  }

  private static void merge(ObjectNode settings, JsonNode patch, List<SpecViolation> violations) {
    if (!patch.isObject()) {
      violations.add(new SpecViolation("settings", "must be a JSON object"));
      return;
    }
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (field.getValue().isNull()) {
        settings.remove(field.getKey());
      } else {
        settings.set(field.getKey(), field.getValue());
      }
    }
  }

  private List<SpecViolation> settingsViolations(ObjectNode settings) {
    try {
      return json.treeToValue(settings, WorkspaceSettings.class).violations();
    } catch (UnrecognizedPropertyException e) {
      return List.of(
          new SpecViolation(
              "settings." + e.getPropertyName(),
              "is not a setting; settings are runsPerDay, runsPerMonth, maxConcurrentRuns,"
                  + " executionRetentionDays, requestLogRetentionDays, auditRetentionDays"));
    } catch (JacksonException e) {
      return List.of(
          new SpecViolation("settings", "holds a value of the wrong type: whole numbers"));
    }
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("workspace " + id);
  }
}

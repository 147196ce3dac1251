package dev.connectorengine.api.connector;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.ConnectorSpecValidator;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads, versions and deletes the connectors of a workspace; every change is audited with
 * the connector's name and version, never its spec (a spec may hold a pasted secret).
 */
@Service
class ConnectorService {

  private final ConnectorRepository connectors;
  private final AuditLog audit;
  private final ActionStepResolver actionSteps;
  private final ConnectorSpecValidator validator = new ConnectorSpecValidator();

  ConnectorService(ConnectorRepository connectors, AuditLog audit, ActionStepResolver actionSteps) {
    this.connectors = connectors;
    this.audit = audit;
    this.actionSteps = actionSteps;
  }

  @Transactional
  ConnectorResponse create(ApiPrincipal caller, ConnectorRequest request) {
    ConnectorSource source = validSource(caller.workspaceId(), request);
    UUID id = UUID.randomUUID();
    connectors.insert(caller.workspaceId(), id, source, request.settings(), null, null);
    audit.record(
        caller,
        AuditAction.CONNECTOR_CREATED,
        id,
        Map.of("name", request.trimmedName(), "version", 1));
    return get(caller.workspaceId(), id);
  }

  @Transactional
  ConnectorResponse replace(ApiPrincipal caller, UUID id, ConnectorRequest request) {
    ConnectorSource source = validSource(caller.workspaceId(), request);
    int version =
        connectors
            .update(caller.workspaceId(), id, source, request.settings())
            .orElseThrow(() -> missingOrActions(caller.workspaceId(), id));
    audit.record(
        caller,
        AuditAction.CONNECTOR_UPDATED,
        id,
        Map.of("name", request.trimmedName(), "version", version));
    return get(caller.workspaceId(), id);
  }

  @Transactional(readOnly = true)
  ConnectorResponse get(UUID workspaceId, UUID id) {
    return connectors.find(workspaceId, id).orElseThrow(() -> notFound(id));
  }

  @Transactional(readOnly = true)
  Page<ConnectorResponse> list(UUID workspaceId, KeysetCursor after, int limit) {
    List<ConnectorResponse> rows = connectors.page(workspaceId, after, limit + 1);
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<ConnectorResponse> page = rows.subList(0, limit);
    ConnectorResponse last = page.getLast();
    return new Page<>(List.copyOf(page), new KeysetCursor(last.createdAt(), last.id()).encode());
  }

  @Transactional
  void delete(ApiPrincipal caller, UUID id) {
    String name =
        connectors
            .softDelete(caller.workspaceId(), id)
            .orElseThrow(() -> missingOrActions(caller.workspaceId(), id));
    audit.record(caller, AuditAction.CONNECTOR_DELETED, id, Map.of("name", name));
  }

  /** The connector to save, its action steps resolved; 422 naming every field that is wrong. */
  private ConnectorSource validSource(UUID workspaceId, ConnectorRequest request) {
    List<SpecViolation> violations = new ArrayList<>(request.descriptiveViolations());
    List<SpecViolation> nullSteps = request.nullStepViolations();
    ConnectorSpec spec = null;
    // A spec cannot hold a null step, so those are reported before the spec is checked.
    if (nullSteps.isEmpty()) {
      ActionStepResolver.Resolution resolution = actionSteps.resolve(workspaceId, request.spec());
      spec = resolution.spec();
      violations.addAll(resolution.violations());
      violations.addAll(validator.validate(spec));
    } else {
      violations.addAll(nullSteps);
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the connector is invalid", violations);
    }
    return new ConnectorSource(
        request.trimmedName(), request.description(), request.category(), spec);
  }

  // An action's own connector exists but changes only with its action.
  private ApiException missingOrActions(UUID workspaceId, UUID id) {
    return connectors.find(workspaceId, id).isPresent()
        ? new ApiException(
            HttpStatus.CONFLICT,
            "connector "
                + id
                + " is an action's own connector: change or delete the action instead")
        : notFound(id);
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("connector " + id);
  }
}

package dev.connectorengine.api.connector;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.ConnectorSpecValidator;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  private final ConnectorSpecValidator validator = new ConnectorSpecValidator();

  ConnectorService(ConnectorRepository connectors, AuditLog audit) {
    this.connectors = connectors;
    this.audit = audit;
  }

  @Transactional
  ConnectorResponse create(ApiPrincipal caller, ConnectorRequest request) {
    requireValid(request);
    UUID id = UUID.randomUUID();
    connectors.insert(caller.workspaceId(), id, request);
    audit.record(
        caller,
        AuditAction.CONNECTOR_CREATED,
        id,
        Map.of("name", request.trimmedName(), "version", 1));
    return get(caller.workspaceId(), id);
  }

  @Transactional
  ConnectorResponse replace(ApiPrincipal caller, UUID id, ConnectorRequest request) {
    requireValid(request);
    int version =
        connectors.update(caller.workspaceId(), id, request).orElseThrow(() -> notFound(id));
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
    String name = connectors.softDelete(caller.workspaceId(), id).orElseThrow(() -> notFound(id));
    audit.record(caller, AuditAction.CONNECTOR_DELETED, id, Map.of("name", name));
  }

  private void requireValid(ConnectorRequest request) {
    List<SpecViolation> violations = new ArrayList<>(request.descriptiveViolations());
    List<SpecViolation> nullSteps = request.nullStepViolations();
    // A spec cannot hold a null step, so those are reported before the spec is checked.
    violations.addAll(nullSteps.isEmpty() ? validator.validate(request.spec()) : nullSteps);
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the connector is invalid", violations);
    }
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("connector " + id);
  }
}

package dev.connectorengine.api.webhook;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.connector.ConnectorLookup;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.webhook.WebhookEventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks, stores and audits the webhook endpoints of a workspace. */
@Service
class WebhookEndpoints {

  /** Every run of a workspace records a delivery per matching endpoint: keep that bounded. */
  static final int MAX_ENDPOINTS = 50;

  private final WebhookEndpointRepository endpoints;
  private final WebhookUrlRules urls;
  private final ConnectorLookup connectors;
  private final AuditLog audit;

  WebhookEndpoints(
      WebhookEndpointRepository endpoints,
      WebhookUrlRules urls,
      ConnectorLookup connectors,
      AuditLog audit) {
    this.endpoints = endpoints;
    this.urls = urls;
    this.connectors = connectors;
    this.audit = audit;
  }

  @Transactional
  WebhookEndpointView create(ApiPrincipal caller, WebhookEndpointRequest request) {
    UUID workspaceId = caller.workspaceId();
    List<SpecViolation> violations = new ArrayList<>();
    urls.problem("url", request.url()).ifPresent(violations::add);
    List<String> events = events(request.events(), violations);
    if (request.connectorId() != null
        && connectors.current(workspaceId, request.connectorId()).isEmpty()) {
      violations.add(new SpecViolation("connectorId", "no such connector in this workspace"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("invalid webhook endpoint", violations);
    }
    if (endpoints.count(workspaceId) >= MAX_ENDPOINTS) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "this workspace has " + MAX_ENDPOINTS + " webhook endpoints, the most allowed");
    }
    UUID id = UUID.randomUUID();
    endpoints.insert(workspaceId, id, request.url(), events, request.connectorId());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("events", events);
    if (request.connectorId() != null) {
      details.put("connectorId", request.connectorId().toString());
    }
    audit.record(caller, AuditAction.WEBHOOK_ENDPOINT_CREATED, id, details);
    return endpoints.find(workspaceId, id).orElseThrow();
  }

  @Transactional(readOnly = true)
  WebhookEndpointView get(UUID workspaceId, UUID id) {
    return endpoints.find(workspaceId, id).orElseThrow(() -> notFound(id));
  }

  @Transactional(readOnly = true)
  Page<WebhookEndpointView> list(UUID workspaceId, KeysetCursor after, int limit) {
    List<WebhookEndpointView> rows = endpoints.page(workspaceId, after, limit + 1);
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<WebhookEndpointView> page = List.copyOf(rows.subList(0, limit));
    WebhookEndpointView last = page.getLast();
    return new Page<>(page, new KeysetCursor(last.createdAt(), last.id()).encode());
  }

  @Transactional
  WebhookEndpointView update(ApiPrincipal caller, UUID id, WebhookEndpointPatch patch) {
    UUID workspaceId = caller.workspaceId();
    get(workspaceId, id);
    List<SpecViolation> violations = new ArrayList<>();
    if (patch.url() != null) {
      urls.problem("url", patch.url()).ifPresent(violations::add);
    }
    List<String> events = patch.events() == null ? null : events(patch.events(), violations);
    if (!violations.isEmpty()) {
      throw ApiException.invalid("invalid webhook endpoint", violations);
    }
    if (!endpoints.update(workspaceId, id, patch.url(), events, patch.enabled())) {
      throw notFound(id);
    }
    Map<String, Object> changed = new LinkedHashMap<>();
    if (patch.url() != null) {
      changed.put("url", "changed");
    }
    if (events != null) {
      changed.put("events", events);
    }
    if (patch.enabled() != null) {
      changed.put("enabled", patch.enabled());
    }
    audit.record(caller, AuditAction.WEBHOOK_ENDPOINT_UPDATED, id, changed);
    return get(workspaceId, id);
  }

  @Transactional
  void delete(ApiPrincipal caller, UUID id) {
    if (!endpoints.delete(caller.workspaceId(), id)) {
      throw notFound(id);
    }
    audit.record(caller, AuditAction.WEBHOOK_ENDPOINT_DELETED, id, Map.of());
  }

  /** The events, checked and without repeats, in the order given. */
  private static List<String> events(List<String> requested, List<SpecViolation> violations) {
    if (requested == null || requested.isEmpty()) {
      violations.add(new SpecViolation("events", "name at least one event"));
      return List.of();
    }
    LinkedHashSet<String> events = new LinkedHashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      String name = requested.get(i);
      if (name == null || WebhookEventType.fromWireName(name).isEmpty()) {
        violations.add(
            new SpecViolation(
                "events[" + i + "]",
                "unknown event '"
                    + name
                    + "'; one of execution.succeeded, execution.failed, execution.timed_out,"
                    + " execution.cancelled"));
      } else {
        events.add(name);
      }
    }
    return List.copyOf(events);
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("webhook endpoint " + id);
  }
}

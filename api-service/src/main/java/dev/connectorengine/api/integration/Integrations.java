package dev.connectorengine.api.integration;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.integration.IntegrationRepository.IntegrationFilter;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks, stores and audits a workspace's integrations. */
@Service
class Integrations {

  private final IntegrationRepository integrations;
  private final ActionRepository actions;
  private final IntegrationRules rules;
  private final ConnectorUsage usage;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;

  Integrations(
      IntegrationRepository integrations,
      ActionRepository actions,
      IntegrationRules rules,
      ConnectorUsage usage,
      AuditLog audit,
      ApplicationEventPublisher events) {
    this.integrations = integrations;
    this.actions = actions;
    this.rules = rules;
    this.usage = usage;
    this.audit = audit;
    this.events = events;
  }

  @Transactional
  IntegrationView create(ApiPrincipal caller, IntegrationRequest request) {
    IntegrationRequest checked = rules.checked(caller.workspaceId(), request);
    UUID id = UUID.randomUUID();
    try {
      integrations.insert(caller.workspaceId(), id, checked);
    } catch (DuplicateKeyException e) {
      throw duplicateSlug(checked.slug());
    }
    audit.record(caller, AuditAction.INTEGRATION_CREATED, id, details(checked));
    return get(caller.workspaceId(), checked.slug());
  }

  @Transactional(readOnly = true)
  IntegrationView get(UUID workspaceId, String slug) {
    return integrations.find(workspaceId, slug).orElseThrow(() -> notFound(slug));
  }

  @Transactional(readOnly = true)
  Page<IntegrationView> list(
      UUID workspaceId, IntegrationFilter filter, KeysetCursor after, int limit) {
    List<IntegrationView> rows = integrations.page(workspaceId, filter, after, limit + 1);
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<IntegrationView> page = List.copyOf(rows.subList(0, limit));
    IntegrationView last = page.getLast();
    return new Page<>(page, new KeysetCursor(last.createdAt(), last.id()).encode());
  }

  /**
   * Replaces every field but the slug; its actions now call the new base URL and credential (their
   * templates reading the old credential are renamed to read the new one).
   */
  @Transactional
  IntegrationView replace(ApiPrincipal caller, String slug, IntegrationRequest request) {
    if (request.slug() != null && !request.slug().equals(slug)) {
      throw ApiException.invalid(
          "the integration is invalid",
          List.of(new SpecViolation("slug", "must be the path's '" + slug + "': slugs stay")));
    }
    IntegrationView before = get(caller.workspaceId(), slug);
    UUID id = before.id();
    IntegrationRequest checked = rules.checked(caller.workspaceId(), withSlug(request, slug));
    if (!integrations.update(caller.workspaceId(), slug, checked)) {
      throw notFound(slug);
    }
    if (before.credential() != null
        && checked.credential() != null
        && !before.credential().equals(checked.credential())) {
      // Its actions may read only its credential: they follow it to its new name.
      actions.renameCredential(caller.workspaceId(), id, before.credential(), checked.credential());
    }
    audit.record(caller, AuditAction.INTEGRATION_UPDATED, id, details(checked));
    for (UUID action : actions.ids(caller.workspaceId(), id)) {
      events.publishEvent(new ActionChanged(caller, action, false));
    }
    return get(caller.workspaceId(), slug);
  }

  /** Deletes it and its actions; 409 while a connector's current version uses it. */
  @Transactional
  void delete(ApiPrincipal caller, String slug) {
    UUID workspaceId = caller.workspaceId();
    UUID id = get(workspaceId, slug).id();
    List<Map<String, String>> using = usage.usingIntegration(workspaceId, id);
    if (!using.isEmpty()) {
      throw inUse("integration " + slug, using);
    }
    List<UUID> actionIds = actions.ids(workspaceId, id);
    usage.retireHidden(workspaceId, actionIds);
    integrations.delete(workspaceId, id);
    audit.record(
        caller,
        AuditAction.INTEGRATION_DELETED,
        id,
        Map.of("slug", slug, "actions", actionIds.size()));
    for (UUID action : actionIds) {
      events.publishEvent(new ActionChanged(caller, action, true));
    }
  }

  /** 409 naming the connectors (id and name) whose current version uses {@code what}. */
  static ApiException inUse(String what, List<Map<String, String>> connectors) {
    return new ApiException(
        HttpStatus.CONFLICT,
        what
            + " is used by connectors: "
            + String.join(", ", connectors.stream().map(c -> c.get("name")).toList())
            + "; change their steps first",
        List.of(),
        Map.of("connectors", connectors));
  }

  static ApiException notFound(String slug) {
    return ApiException.notFound("integration " + slug);
  }

  private static ApiException duplicateSlug(String slug) {
    return new ApiException(
        HttpStatus.CONFLICT,
        "an integration with slug '" + slug + "' exists",
        List.of(new SpecViolation("slug", "is taken in this workspace")));
  }

  private static IntegrationRequest withSlug(IntegrationRequest request, String slug) {
    return new IntegrationRequest(
        request.name(),
        slug,
        request.displayName(),
        request.description(),
        request.baseUrl(),
        request.documentationUrl(),
        request.authType(),
        request.credential(),
        request.status(),
        request.tags(),
        request.metadata());
  }

  private static Map<String, Object> details(IntegrationRequest integration) {
    return Map.of(
        "slug",
        integration.slug(),
        "authType",
        integration.authType(),
        "status",
        integration.status());
  }
}

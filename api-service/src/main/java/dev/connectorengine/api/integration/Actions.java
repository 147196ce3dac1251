package dev.connectorengine.api.integration;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.integration.ActionRepository.ActionFields;
import dev.connectorengine.api.integration.ActionView.ActionRow;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.integration.ActionSpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks, stores and audits the actions of a workspace's integrations. */
@Service
class Actions {

  private final IntegrationRepository integrations;
  private final ActionRepository actions;
  private final ConnectorUsage usage;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final ActionSpecValidator validator = new ActionSpecValidator();

  Actions(
      IntegrationRepository integrations,
      ActionRepository actions,
      ConnectorUsage usage,
      AuditLog audit,
      ApplicationEventPublisher events) {
    this.integrations = integrations;
    this.actions = actions;
    this.usage = usage;
    this.audit = audit;
    this.events = events;
  }

  @Transactional
  ActionView create(ApiPrincipal caller, String integrationSlug, ActionRequest request) {
    UUID workspaceId = caller.workspaceId();
    IntegrationView integration = integration(workspaceId, integrationSlug);
    ActionFields fields = checked(request, integration);
    UUID id = UUID.randomUUID();
    try {
      actions.insert(workspaceId, integration.id(), id, fields);
    } catch (DuplicateKeyException e) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "integration " + integrationSlug + " has an action with slug '" + fields.slug() + "'",
          List.of(new SpecViolation("slug", "is taken in this integration")));
    }
    audit.record(
        caller,
        AuditAction.INTEGRATION_ACTION_CREATED,
        id,
        Map.of("integration", integrationSlug, "slug", fields.slug(), "version", 1));
    events.publishEvent(new ActionChanged(caller, id, false));
    return get(workspaceId, integrationSlug, fields.slug());
  }

  @Transactional(readOnly = true)
  ActionView get(UUID workspaceId, String integrationSlug, String slug) {
    return ActionView.of(row(workspaceId, integration(workspaceId, integrationSlug), slug));
  }

  @Transactional(readOnly = true)
  Page<ActionView> list(UUID workspaceId, String integrationSlug, KeysetCursor after, int limit) {
    UUID integrationId = integration(workspaceId, integrationSlug).id();
    List<ActionRow> rows = actions.page(workspaceId, integrationId, after, limit + 1);
    List<ActionView> page = rows.stream().limit(limit).map(ActionView::of).toList();
    if (rows.size() <= limit) {
      return new Page<>(page, null);
    }
    ActionView last = page.getLast();
    return new Page<>(page, new KeysetCursor(last.createdAt(), last.id()).encode());
  }

  /** Replaces every field but the slug, and bumps the version. */
  @Transactional
  ActionView replace(
      ApiPrincipal caller, String integrationSlug, String slug, ActionRequest request) {
    UUID workspaceId = caller.workspaceId();
    if (request.slug() != null && !request.slug().equals(slug)) {
      throw ApiException.invalid(
          "the action is invalid",
          List.of(new SpecViolation("slug", "must be the path's '" + slug + "': slugs stay")));
    }
    IntegrationView integration = integration(workspaceId, integrationSlug);
    ActionRow before = row(workspaceId, integration, slug);
    ActionFields fields = checked(request, integration, slug);
    actions.update(workspaceId, before.id(), fields);
    audit.record(
        caller,
        AuditAction.INTEGRATION_ACTION_UPDATED,
        before.id(),
        Map.of("integration", integrationSlug, "slug", slug, "version", before.version() + 1));
    events.publishEvent(new ActionChanged(caller, before.id(), false));
    return get(workspaceId, integrationSlug, slug);
  }

  /** Deletes it; 409 while a connector's current version uses it. */
  @Transactional
  void delete(ApiPrincipal caller, String integrationSlug, String slug) {
    UUID workspaceId = caller.workspaceId();
    ActionRow action = row(workspaceId, integration(workspaceId, integrationSlug), slug);
    List<Map<String, String>> using = usage.usingAction(workspaceId, action.id());
    if (!using.isEmpty()) {
      throw Integrations.inUse("action " + integrationSlug + "." + slug, using);
    }
    usage.retireHidden(workspaceId, List.of(action.id()));
    actions.delete(workspaceId, action.id());
    audit.record(
        caller,
        AuditAction.INTEGRATION_ACTION_DELETED,
        action.id(),
        Map.of("integration", integrationSlug, "slug", slug));
    events.publishEvent(new ActionChanged(caller, action.id(), true));
  }

  private ActionFields checked(ActionRequest request, IntegrationView integration) {
    return checked(request, integration, request.slug());
  }

  private ActionFields checked(ActionRequest request, IntegrationView integration, String slug) {
    List<SpecViolation> violations = new ArrayList<>();
    IntegrationFields.slug(slug, violations);
    String name = IntegrationFields.name(request.name(), violations);
    IntegrationFields.length(
        "description", request.description(), IntegrationFields.MAX_DESCRIPTION, violations);
    var metadata = IntegrationFields.metadata(request.metadata(), violations);
    violations.addAll(validator.validate(request.spec(), integration.credential()));
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the action is invalid", violations);
    }
    return new ActionFields(slug, name, request.description(), metadata, request.spec());
  }

  private IntegrationView integration(UUID workspaceId, String slug) {
    return integrations.find(workspaceId, slug).orElseThrow(() -> Integrations.notFound(slug));
  }

  private ActionRow row(UUID workspaceId, IntegrationView integration, String slug) {
    return actions
        .find(workspaceId, integration.id(), slug)
        .orElseThrow(() -> ApiException.notFound("action " + integration.slug() + "." + slug));
  }
}

package dev.connectorengine.api.template;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.connector.ConnectorSource;
import dev.connectorengine.api.connector.TemplateConnectors;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.ConnectorSpecValidator;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The marketplace as a workspace uses it: browse, read, publish its connectors as community
 * templates, change or unpublish its own, and rate.
 */
@Service
class TemplateCatalog {

  private final TemplateRepository templates;
  private final TemplateStatistics statistics;
  private final TemplateConnectors connectors;
  private final CredentialServices credentials;
  private final AuditLog audit;
  private final ConnectorSpecValidator validator = new ConnectorSpecValidator();

  TemplateCatalog(
      TemplateRepository templates,
      TemplateStatistics statistics,
      TemplateConnectors connectors,
      CredentialServices credentials,
      AuditLog audit) {
    this.templates = templates;
    this.statistics = statistics;
    this.connectors = connectors;
    this.credentials = credentials;
    this.audit = audit;
  }

  /** A page of the templates {@code workspaceId} sees (null: the admin path, every one). */
  @Transactional(readOnly = true)
  TemplatePage search(UUID workspaceId, TemplateQuery query) {
    List<TemplateView> rows =
        templates.search(
            workspaceId,
            new TemplateQuery(
                query.q(),
                query.category(),
                query.tag(),
                query.official(),
                query.featured(),
                query.sort(),
                query.limit() + 1,
                query.offset()));
    boolean more = rows.size() > query.limit();
    List<TemplateView> page = withUsage(more ? rows.subList(0, query.limit()) : rows);
    return new TemplatePage(page, query.offset(), more ? query.offset() + query.limit() : null);
  }

  @Transactional(readOnly = true)
  TemplateView get(UUID workspaceId, UUID id) {
    return withUsage(List.of(visible(workspaceId, id))).getFirst();
  }

  @Transactional
  TemplateView publish(ApiPrincipal caller, PublishTemplateRequest request) {
    List<SpecViolation> violations = new ArrayList<>();
    if (request.connectorId() == null) {
      violations.add(new SpecViolation("connectorId", "is required"));
    }
    if (request.isPublic() == null) {
      violations.add(new SpecViolation("isPublic", "is required"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the template is invalid", violations);
    }
    ConnectorSource source =
        connectors
            .source(caller.workspaceId(), request.connectorId())
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "the template is invalid",
                        List.of(
                            new SpecViolation(
                                "connectorId", "no such connector in this workspace"))));
    TemplatePatch entry =
        TemplateEntryRules.checked(
            new TemplatePatch(
                request.name() == null ? source.name() : request.name(),
                request.description() == null ? source.description() : request.description(),
                request.icon(),
                request.category() == null ? source.category() : request.category(),
                request.tags() == null ? List.of() : request.tags(),
                request.isPublic(),
                false),
            true);
    UUID id = UUID.randomUUID();
    insert(
        new TemplateRepository.NewTemplate(
            id,
            entry.name(),
            entry.description(),
            entry.icon(),
            entry.category(),
            validSpec(source.spec()),
            credentials.required(source.spec()),
            entry.isPublic(),
            false,
            entry.tags(),
            caller.workspaceId(),
            null,
            request.connectorId()));
    audit.record(
        caller,
        AuditAction.TEMPLATE_PUBLISHED,
        id,
        Map.of(
            "name",
            entry.name(),
            "connectorId",
            request.connectorId().toString(),
            "isPublic",
            entry.isPublic()));
    return get(caller.workspaceId(), id);
  }

  @Transactional
  TemplateView update(ApiPrincipal caller, UUID id, TemplatePatch patch) {
    if (patch.isFeatured() != null) {
      throw ApiException.invalid(
          "the template is invalid",
          List.of(new SpecViolation("isFeatured", "only platform admins feature templates")));
    }
    TemplatePatch entry = TemplateEntryRules.checked(patch, false);
    boolean updated;
    try {
      updated = templates.updateEntry(caller.workspaceId(), id, entry);
    } catch (DuplicateKeyException e) {
      throw duplicateName();
    }
    if (!updated) {
      throw notYours(caller.workspaceId(), id);
    }
    TemplateView after = get(caller.workspaceId(), id);
    audit.record(
        caller,
        AuditAction.TEMPLATE_UPDATED,
        id,
        Map.of("name", after.name(), "isPublic", after.isPublic()));
    return after;
  }

  @Transactional
  void unpublish(ApiPrincipal caller, UUID id) {
    if (!templates.delete(caller.workspaceId(), id)) {
      throw notYours(caller.workspaceId(), id);
    }
    audit.record(caller, AuditAction.TEMPLATE_UNPUBLISHED, id, Map.of());
  }

  @Transactional
  RatingView rate(ApiPrincipal caller, UUID id, RatingRequest request) {
    Integer stars = request.stars();
    if (stars == null || stars < 1 || stars > 5) {
      throw ApiException.invalid(
          "invalid rating", List.of(new SpecViolation("stars", "must be a whole number 1 to 5")));
    }
    visible(caller.workspaceId(), id);
    statistics.rate(caller.workspaceId(), id, stars);
    audit.record(caller, AuditAction.TEMPLATE_RATED, id, Map.of("stars", stars));
    TemplateView after = visible(caller.workspaceId(), id);
    return new RatingView(id, stars, after.rating(), after.ratingCount());
  }

  /** The template, or 404 when it does not exist or the workspace may not see it. */
  TemplateView visible(UUID workspaceId, UUID id) {
    return templates.find(workspaceId, id).orElseThrow(() -> notFound(id));
  }

  /** Writes a new template; 409 when its name is taken. */
  void insert(TemplateRepository.NewTemplate template) {
    try {
      templates.insert(template);
    } catch (DuplicateKeyException e) {
      throw duplicateName();
    }
  }

  ConnectorSpec validSpec(ConnectorSpec spec) {
    List<SpecViolation> violations = validator.validate(spec);
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the template's spec is invalid", violations);
    }
    return spec;
  }

  List<TemplateView> withUsage(List<TemplateView> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<UUID, Long> usage = statistics.usage(rows.stream().map(TemplateView::id).toList());
    return rows.stream().map(t -> t.withUsage(usage.getOrDefault(t.id(), 0L))).toList();
  }

  static ApiException duplicateName() {
    return new ApiException(HttpStatus.CONFLICT, "a template with this name exists");
  }

  static ApiException notFound(UUID id) {
    return ApiException.notFound("template " + id);
  }

  // Someone else's template the caller can see (public, or official) answers 403; one it cannot
  // see answers 404, as if it did not exist.
  private ApiException notYours(UUID workspaceId, UUID id) {
    templates.find(workspaceId, id).orElseThrow(() -> notFound(id));
    return new ApiException(
        HttpStatus.FORBIDDEN, "template " + id + " is not this workspace's to change");
  }
}

package dev.connectorengine.api.template;

import dev.connectorengine.api.auth.AdminPrincipal;
import dev.connectorengine.api.tenancy.TransactionAdmin;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Official templates, written by platform admins only. Each write runs for no workspace, as a
 * platform admin ({@link TransactionAdmin}), which is what row-level security admits for them.
 */
@Service
class OfficialTemplates {

  private final TemplateCatalog catalog;
  private final TemplateRepository templates;
  private final CredentialServices credentials;
  private final TransactionAdmin transactionAdmin;

  OfficialTemplates(
      TemplateCatalog catalog,
      TemplateRepository templates,
      CredentialServices credentials,
      TransactionAdmin transactionAdmin) {
    this.catalog = catalog;
    this.templates = templates;
    this.credentials = credentials;
    this.transactionAdmin = transactionAdmin;
  }

  @Transactional
  TemplateView create(AdminPrincipal admin, OfficialTemplateRequest request) {
    transactionAdmin.enter();
    TemplatePatch entry = TemplateEntryRules.checked(request.entry(), true);
    ConnectorSpec spec = catalog.validSpec(spec(request));
    UUID id = UUID.randomUUID();
    catalog.insert(
        new TemplateRepository.NewTemplate(
            id,
            entry.name(),
            entry.description(),
            entry.icon(),
            entry.category(),
            spec,
            credentials.required(spec),
            entry.isPublic() == null || entry.isPublic(),
            entry.isFeatured() != null && entry.isFeatured(),
            entry.tags() == null ? List.of() : entry.tags(),
            null,
            admin.userId(),
            null));
    return catalog.get(null, id);
  }

  @Transactional
  TemplatePage search(TemplateQuery query) {
    transactionAdmin.enter();
    return catalog.search(null, query);
  }

  @Transactional
  TemplateView replace(UUID id, OfficialTemplateRequest request) {
    transactionAdmin.enter();
    TemplatePatch entry = TemplateEntryRules.checked(request.entry(), true);
    ConnectorSpec spec = catalog.validSpec(spec(request));
    TemplatePatch full =
        new TemplatePatch(
            entry.name(),
            entry.description(),
            entry.icon(),
            entry.category(),
            entry.tags() == null ? List.of() : entry.tags(),
            entry.isPublic() == null || entry.isPublic(),
            entry.isFeatured() != null && entry.isFeatured());
    requireOfficial(id, updateEntry(id, full));
    templates.updateSpec(null, id, spec, credentials.required(spec));
    return catalog.get(null, id);
  }

  @Transactional
  TemplateView update(UUID id, TemplatePatch patch) {
    transactionAdmin.enter();
    requireOfficial(id, updateEntry(id, TemplateEntryRules.checked(patch, false)));
    return catalog.get(null, id);
  }

  @Transactional
  void delete(UUID id) {
    transactionAdmin.enter();
    requireOfficial(id, templates.delete(null, id));
  }

  private boolean updateEntry(UUID id, TemplatePatch entry) {
    try {
      return templates.updateEntry(null, id, entry);
    } catch (DuplicateKeyException e) {
      throw TemplateCatalog.duplicateName();
    }
  }

  // A community template is its workspace's to change, not the admins': as if it were not there.
  private static void requireOfficial(UUID id, boolean changed) {
    if (!changed) {
      throw ApiException.notFound("official template " + id);
    }
  }

  private static ConnectorSpec spec(OfficialTemplateRequest request) {
    if (request.steps() == null) {
      throw ApiException.invalid(
          "the template's spec is invalid", List.of(new SpecViolation("steps", "is required")));
    }
    for (int i = 0; i < request.steps().size(); i++) {
      if (request.steps().get(i) == null) {
        throw ApiException.invalid(
            "the template's spec is invalid",
            List.of(new SpecViolation("steps[" + i + "]", "must be a step object, not null")));
      }
    }
    return request.spec();
  }
}

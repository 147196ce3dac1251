package dev.connectorengine.api.template;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.connector.ConnectorResponse;
import dev.connectorengine.api.connector.ConnectorSource;
import dev.connectorengine.api.connector.TemplateConnectors;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Installs a template as a new connector of the workspace, its services renamed by the caller's
 * mapping; says which services the workspace still lacks a credential for. The template's install
 * count moves with the connector row (V11's trigger), in the same transaction.
 */
@Service
class TemplateInstaller {

  private final TemplateCatalog catalog;
  private final WorkspaceCredentialNames credentialNames;
  private final TemplateConnectors connectors;
  private final CredentialServices credentials;

  TemplateInstaller(
      TemplateCatalog catalog,
      WorkspaceCredentialNames credentialNames,
      TemplateConnectors connectors,
      CredentialServices credentials) {
    this.catalog = catalog;
    this.credentialNames = credentialNames;
    this.connectors = connectors;
    this.credentials = credentials;
  }

  @Transactional
  InstallResult install(ApiPrincipal caller, UUID id, InstallRequest request) {
    TemplateView template = catalog.visible(caller.workspaceId(), id);
    Map<String, String> mapping =
        request.credentialMapping() == null ? Map.of() : request.credentialMapping();
    List<SpecViolation> violations = new ArrayList<>();
    mapping.forEach(
        (from, to) -> {
          String field = "credentialMapping." + from;
          if (!template.requiredCredentials().contains(from)) {
            violations.add(
                new SpecViolation(
                    field,
                    "the template uses no service '"
                        + from
                        + "'; it uses "
                        + template.requiredCredentials()));
          } else if (to == null || to.isBlank() || to.length() > 100) {
            violations.add(new SpecViolation(field, "must name a service, 1 to 100 chars"));
          }
        });
    if (!violations.isEmpty()) {
      throw ApiException.invalid("invalid install", violations);
    }
    ConnectorSpec spec = credentials.renamed(template.spec(), mapping);
    String name = request.name() == null ? template.name() : request.name().strip();
    ConnectorResponse connector =
        connectors.install(
            caller,
            new ConnectorSource(name, template.description(), template.category(), spec),
            id);
    // Of the connector as installed: an action step needs its integration's credential here.
    List<String> needed =
        credentials.required(
            new ConnectorSpec(
                connector.steps(),
                connector.inputSchema(),
                connector.fieldMappings(),
                connector.timeoutMs(),
                connector.maxRetries(),
                connector.continueOnError()));
    List<String> present = credentialNames.credentialsPresent(caller.workspaceId(), needed);
    List<String> missing = needed.stream().filter(s -> !present.contains(s)).toList();
    return new InstallResult(connector, missing);
  }
}

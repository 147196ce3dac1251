package dev.connectorengine.api.integration;

import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.webhook.WebhookUrlRules;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.credential.ServiceNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The rules of an integration: its fields, a base URL the SSRF guard lets through (as webhook URLs
 * are checked), and a credential whose shape and, once it exists, type fit the auth type. A
 * credential not yet stored is accepted: it may be created later.
 */
@Component
class IntegrationRules {

  static final Set<String> STATUSES = Set.of("draft", "active", "error", "disabled");

  /** Auth type to the credential type it needs; none needs no credential. */
  private static final Map<String, String> CREDENTIAL_TYPES =
      Map.of(
          "api_key", "api_key",
          "custom_header", "api_key",
          "bearer", "bearer",
          "basic", "basic",
          "oauth2", "oauth2");

  private final WebhookUrlRules urls;
  private final IntegrationRepository integrations;

  IntegrationRules(WebhookUrlRules urls, IntegrationRepository integrations) {
    this.urls = urls;
    this.integrations = integrations;
  }

  /** The request, normalised; 422 naming every field at fault. */
  IntegrationRequest checked(UUID workspaceId, IntegrationRequest request) {
    List<SpecViolation> violations = new ArrayList<>();
    String name = IntegrationFields.name(request.name(), violations);
    IntegrationFields.slug(request.slug(), violations);
    IntegrationFields.length(
        "displayName", request.displayName(), IntegrationFields.MAX_NAME, violations);
    IntegrationFields.length(
        "description", request.description(), IntegrationFields.MAX_DESCRIPTION, violations);
    String baseUrl = baseUrl(request.baseUrl(), violations);
    documentationUrl(request.documentationUrl(), violations);
    credential(workspaceId, request.authType(), request.credential(), violations);
    String status = request.status() == null ? "active" : request.status();
    if (!STATUSES.contains(status)) {
      violations.add(new SpecViolation("status", "must be one of draft, active, error, disabled"));
    }
    List<String> tags = IntegrationFields.tags(request.tags(), violations);
    var metadata = IntegrationFields.metadata(request.metadata(), violations);
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the integration is invalid", violations);
    }
    return new IntegrationRequest(
        name,
        request.slug(),
        request.displayName(),
        request.description(),
        baseUrl,
        request.documentationUrl(),
        request.authType(),
        request.credential(),
        status,
        tags,
        metadata);
  }

  private String baseUrl(String url, List<SpecViolation> violations) {
    var problem = urls.problem("baseUrl", url);
    if (problem.isPresent()) {
      violations.add(problem.get());
      return url;
    }
    URI uri = URI.create(url);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      violations.add(new SpecViolation("baseUrl", "must not have a query or a fragment"));
    }
    String stored = url;
    while (stored.endsWith("/")) {
      stored = stored.substring(0, stored.length() - 1);
    }
    return stored;
  }

  // A link for people, never called: only its form is checked.
  private static void documentationUrl(String url, List<SpecViolation> violations) {
    if (url == null) {
      return;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        violations.add(
            new SpecViolation("documentationUrl", "must be an absolute http or https URL"));
      }
    } catch (URISyntaxException e) {
      violations.add(new SpecViolation("documentationUrl", "is not a valid URL: " + e.getReason()));
    }
  }

  private void credential(
      UUID workspaceId, String authType, String credential, List<SpecViolation> violations) {
    if (authType == null || !(authType.equals("none") || CREDENTIAL_TYPES.containsKey(authType))) {
      violations.add(
          new SpecViolation(
              "authType",
              "is required: one of none, api_key, bearer, basic, oauth2, custom_header"));
      return;
    }
    if (authType.equals("none")) {
      if (credential != null) {
        violations.add(new SpecViolation("credential", "must be null when authType is none"));
      }
      return;
    }
    if (!ServiceNames.isValid(credential)) {
      violations.add(
          new SpecViolation(
              "credential", "is required for authType " + authType + " and " + ServiceNames.RULE));
      return;
    }
    String needed = CREDENTIAL_TYPES.get(authType);
    integrations
        .credentialType(workspaceId, credential)
        .filter(type -> !type.equals(needed))
        .ifPresent(
            type ->
                violations.add(
                    new SpecViolation(
                        "credential",
                        "'"
                            + credential
                            + "' is a "
                            + type
                            + " credential; authType "
                            + authType
                            + " needs a "
                            + needed
                            + " one")));
  }
}

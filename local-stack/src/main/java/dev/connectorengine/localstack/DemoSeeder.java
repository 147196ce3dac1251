package dev.connectorengine.localstack;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Seeds the demo over the public API: a workspace, a credential for the demo target, an integration
 * describing it with one action ({@link DemoIntegration}), and a 3-step connector (GET a person,
 * POST to enrich the company with a body from step 1, PUT the contact with a number from step 2).
 * The connector is installed from the official CRM template, its {@code crm} service mapped to the
 * demo credential, when the target runs where that template points (127.0.0.1:8090, as {@code
 * bin/run-local} starts it); elsewhere it is written by hand.
 */
public final class DemoSeeder {

  /** The credential's service name, as templates name it ({@code credentials.demo-crm.apiKey}). */
  public static final String SERVICE = "demo-crm";

  /** The official template shaped like the demo CRM (migration V11). */
  public static final String CRM_TEMPLATE_ID = "6f1c2a0e-0000-4000-8000-000000000001";

  /** Where the CRM template's steps point. */
  static final URI CRM_TEMPLATE_TARGET = URI.create("http://127.0.0.1:8090");

  private static final Set<String> TERMINAL = Set.of("success", "failed", "timeout", "cancelled");

  private final ApiClient admin;
  private final DemoTarget target;

  public DemoSeeder(ApiClient admin, DemoTarget target) {
    this.admin = admin;
    this.target = target;
  }

  /** Creates the demo workspace, credential, integration and connector. */
  public DemoSeed seed(String workspaceName) {
    JsonNode workspace =
        admin.post("/api/v1/admin/workspaces", Map.of("name", workspaceName)).expect(201).json();
    String workspaceId = workspace.path("id").asString();
    String apiKey = workspace.path("apiKey").asString();
    ApiClient api = admin.withToken(apiKey);

    var credential =
        api.put(
            "/api/v1/credentials/" + SERVICE,
            Map.of("type", "api_key", "values", Map.of("apiKey", target.apiKey())));
    if (credential.status() != 200 && credential.status() != 201) {
      credential.expect(200);
    }
    DemoIntegration.create(api, target, SERVICE);
    String connectorId =
        target.baseUrl().equals(CRM_TEMPLATE_TARGET)
            ? installCrmTemplate(api)
            : api.post("/api/v1/connectors", connector()).expect(201).json().path("id").asString();
    return new DemoSeed(admin.baseUrl(), workspaceId, apiKey, connectorId, "ada@acme.io");
  }

  /** Whether a seed from an earlier start still works on this API (same database, same key). */
  public boolean stillValid(DemoSeed seed) {
    try {
      return admin.withToken(seed.apiKey()).get("/api/v1/connectors/" + seed.connectorId()).status()
          == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Triggers the demo connector once and returns the execution id. */
  public String trigger(DemoSeed seed, String idempotencyKey) {
    return admin
        .withToken(seed.apiKey())
        .post(
            "/api/v1/connectors/" + seed.connectorId() + "/executions",
            Map.of("input", Map.of("email", seed.sampleEmail())),
            "Idempotency-Key",
            idempotencyKey)
        .expect(202)
        .json()
        .path("id")
        .asString();
  }

  /** Polls an execution until it is terminal or {@code max} passed; returns the last answer. */
  public JsonNode awaitTerminal(DemoSeed seed, String executionId, Duration max) {
    ApiClient api = admin.withToken(seed.apiKey());
    Instant deadline = Instant.now().plus(max);
    JsonNode execution = api.get("/api/v1/executions/" + executionId).expect(200).json();
    while (!TERMINAL.contains(execution.path("status").asString())
        && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      execution = api.get("/api/v1/executions/" + executionId).expect(200).json();
    }
    return execution;
  }

  private static String installCrmTemplate(ApiClient api) {
    JsonNode installed =
        api.post(
                "/api/v1/templates/" + CRM_TEMPLATE_ID + "/install",
                Map.of("name", "Demo: enrich contact", "credentialMapping", Map.of("crm", SERVICE)))
            .expect(201)
            .json();
    return installed.path("connector").path("id").asString();
  }

  private Map<String, Object> connector() {
    String base = target.baseUrl().toString();
    return Map.of(
        "name",
        "Demo: enrich contact",
        "description",
        "Finds a person in the demo CRM, enriches their company, updates the contact",
        "category",
        "demo",
        "inputSchema",
        Map.of(
            "type", "object",
            "required", List.of("email"),
            "properties", Map.of("email", Map.of("type", "string", "format", "email"))),
        "timeoutMs",
        30_000,
        "maxRetries",
        2,
        "continueOnError",
        false,
        "steps",
        List.of(
            Map.of(
                "id",
                "person",
                "name",
                "Find person",
                "request",
                Map.of(
                    "method",
                    "GET",
                    "url",
                    base + "/people",
                    "query",
                    Map.of("email", "{{ input.email }}"),
                    "headers",
                    Map.of(DemoTarget.API_KEY_HEADER, "{{ credentials." + SERVICE + ".apiKey }}")),
                "extract",
                Map.of("id", "$.data[0].id", "company", "$.data[0].company")),
            Map.of(
                "id",
                "company",
                "name",
                "Enrich company",
                "request",
                Map.of(
                    "method",
                    "POST",
                    "url",
                    base + "/companies/enrich",
                    "body",
                    Map.of(
                        "personId", "{{ steps.person.output.id }}",
                        "company", "{{ steps.person.output.company }}")),
                "extract",
                Map.of("name", "$.company.name", "size", "$.company.size")),
            Map.of(
                "id",
                "update",
                "name",
                "Update contact",
                "request",
                Map.of(
                    "method",
                    "PUT",
                    "url",
                    base + "/contacts/{{ steps.person.output.id }}",
                    "body",
                    Map.of(
                        "companyName", "{{ steps.company.output.name }}",
                        "employees", "{{ steps.company.output.size }}")),
                "extract",
                Map.of("employees", "$.employees"))),
        "fieldMappings",
        Map.of(
            "personId", "{{ steps.person.output.id }}",
            "companyName", "{{ steps.company.output.name }}",
            "employees", "{{ steps.update.output.employees }}"));
  }
}

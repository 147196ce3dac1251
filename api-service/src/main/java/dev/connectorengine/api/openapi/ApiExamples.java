package dev.connectorengine.api.openapi;

/** The examples of the main calls in the OpenAPI document, as a caller would send and get them. */
public final class ApiExamples {

  /** {@code POST /api/v1/connectors}: two steps, the second reading the first's output. */
  public static final String CONNECTOR_REQUEST =
      """
      {
        "name": "Enrich contact",
        "description": "CRM enrichment",
        "category": "enrichment",
        "inputSchema": {
          "type": "object",
          "required": ["email"],
          "properties": {"email": {"type": "string", "format": "email"}}
        },
        "timeoutMs": 30000,
        "maxRetries": 3,
        "steps": [
          {
            "id": "person",
            "name": "Find person",
            "auth": "example",
            "request": {
              "method": "GET",
              "url": "https://api.example.com/people",
              "query": {"email": "{{ input.email }}"}
            },
            "extract": {"id": "$.data[0].id", "company": "$.data[0].company"}
          },
          {
            "id": "company",
            "name": "Enrich company",
            "timeoutMs": 5000,
            "request": {
              "method": "POST",
              "url": "https://api.example.com/companies/enrich",
              "body": {"personId": "{{ steps.person.output.id }}"}
            },
            "extract": {"name": "$.company.name"}
          }
        ],
        "fieldMappings": {
          "personId": "{{ steps.person.output.id }}",
          "companyName": "{{ steps.company.output.name }}"
        }
      }
      """;

  /** {@code POST /api/v1/connectors/{connectorId}/executions}. */
  public static final String TRIGGER_REQUEST =
      """
      {"input": {"email": "ada@example.com"}, "flowRunId": "flow-run-42"}
      """;

  /** The answer to a trigger: the pending execution. */
  public static final String PENDING_EXECUTION =
      """
      {
        "id": "0193a5c2-7f4e-7b1a-9c3d-2e8f6a1b4c5d",
        "connectorId": "0193a5c0-1d2e-7f3a-8b4c-5d6e7f8a9b0c",
        "connectorVersion": 1,
        "status": "pending",
        "currentStep": null,
        "steps": [
          {"id": "person", "name": "Find person", "status": "pending", "attempts": 0,
           "httpStatus": null, "latencyMs": null, "output": null, "error": null,
           "startedAt": null, "finishedAt": null},
          {"id": "company", "name": "Enrich company", "status": "pending", "attempts": 0,
           "httpStatus": null, "latencyMs": null, "output": null, "error": null,
           "startedAt": null, "finishedAt": null}
        ],
        "input": {"email": "ada@example.com"},
        "output": null,
        "errorMessage": null,
        "executionTimeMs": null,
        "attempt": 0,
        "flowRunId": "flow-run-42",
        "createdAt": "2026-05-04T09:30:00.120Z",
        "startedAt": null,
        "finishedAt": null,
        "cancelRequestedAt": null
      }
      """;

  /** {@code GET /api/v1/executions/{id}} once the run has succeeded. */
  public static final String SUCCEEDED_EXECUTION =
      """
      {
        "id": "0193a5c2-7f4e-7b1a-9c3d-2e8f6a1b4c5d",
        "connectorId": "0193a5c0-1d2e-7f3a-8b4c-5d6e7f8a9b0c",
        "connectorVersion": 1,
        "status": "success",
        "currentStep": "company",
        "steps": [
          {"id": "person", "name": "Find person", "status": "success", "attempts": 1,
           "httpStatus": 200, "latencyMs": 84, "output": {"id": "p_123", "company": "Acme"},
           "error": null, "startedAt": "2026-05-04T09:30:00.180Z",
           "finishedAt": "2026-05-04T09:30:00.264Z"},
          {"id": "company", "name": "Enrich company", "status": "success", "attempts": 2,
           "httpStatus": 200, "latencyMs": 412, "output": {"name": "Acme Inc."},
           "error": null, "startedAt": "2026-05-04T09:30:00.270Z",
           "finishedAt": "2026-05-04T09:30:00.682Z"}
        ],
        "input": {"email": "ada@example.com"},
        "output": {"personId": "p_123", "companyName": "Acme Inc."},
        "errorMessage": null,
        "executionTimeMs": 502,
        "attempt": 1,
        "flowRunId": "flow-run-42",
        "createdAt": "2026-05-04T09:30:00.120Z",
        "startedAt": "2026-05-04T09:30:00.180Z",
        "finishedAt": "2026-05-04T09:30:00.682Z",
        "cancelRequestedAt": null
      }
      """;

  private ApiExamples() {}
}

package dev.connectorengine.api;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Connector bodies for tests, starting from DESIGN.md's example. */
public final class TestConnectors {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String ENRICH_CONTACT =
      """
      {
        "name": "Enrich contact", "description": "CRM enrichment", "category": "enrichment",
        "inputSchema": {"type": "object", "required": ["email"],
                        "properties": {"email": {"type": "string", "format": "email"}}},
        "timeoutMs": 30000, "maxRetries": 3, "continueOnError": false,
        "steps": [
          {"id": "person", "name": "Find person",
           "request": {"method": "GET", "url": "https://api.example.com/people",
                       "query": {"email": "{{ input.email }}"},
                       "headers": {"Authorization": "Bearer {{ credentials.example.apiKey }}"}},
           "extract": {"id": "$.data[0].id", "company": "$.data[0].company"}},
          {"id": "company", "name": "Enrich company", "timeoutMs": 5000,
           "request": {"method": "POST", "url": "https://api.example.com/companies/enrich",
                       "body": {"personId": "{{ steps.person.output.id }}",
                                "company": "{{ steps.person.output.company }}"}},
           "extract": {"name": "$.company.name", "size": "$.company.size"}},
          {"id": "update", "name": "Update contact",
           "request": {"method": "PUT",
                       "url": "https://api.example.com/contacts/{{ steps.person.output.id }}",
                       "body": {"companyName": "{{ steps.company.output.name }}",
                                "employees": "{{ steps.company.output.size }}"}}}
        ],
        "fieldMappings": {"personId": "{{ steps.person.output.id }}",
                          "companyName": "{{ steps.company.output.name }}"}
      }
      """;

  private TestConnectors() {}

  /** DESIGN.md's three-step example connector. */
  public static ObjectNode enrichContact() {
    return (ObjectNode) JSON.readTree(ENRICH_CONTACT);
  }

  /** A one-step connector without an input schema. */
  public static ObjectNode ping(String name) {
    ObjectNode connector = JSON.createObjectNode().put("name", name);
    connector
        .putArray("steps")
        .addObject()
        .put("id", "ping")
        .put("name", "Ping")
        .putObject("request")
        .put("method", "GET")
        .put("url", "https://api.example.com/ping");
    return connector;
  }
}

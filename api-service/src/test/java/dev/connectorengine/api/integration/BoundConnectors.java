package dev.connectorengine.api.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.TestConnectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Connectors whose current version has a step bound to an integration or an action. */
final class BoundConnectors {

  private BoundConnectors() {}

  /**
   * A new connector whose step's {@code binding} holds {@code bindingKey: id}, as a save resolving
   * an action step leaves it (written here as the tables' owner).
   *
   * @param bindingKey {@code integrationId} or {@code actionId}
   * @return the connector's id
   */
  static String boundTo(ApiClient api, JdbcClient owner, String key, String bindingKey, String id) {
    Answer created = api.post("/api/v1/connectors", key, TestConnectors.ping("Bound connector"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String connector = created.json().get("id").stringValue();
    owner
        .sql(
            """
            UPDATE connector_versions
               SET steps = jsonb_set(steps, '{0,binding}', jsonb_build_object(?::text, ?::text))
             WHERE connector_id = ?::uuid
            """)
        .params(bindingKey, id, connector)
        .update();
    return connector;
  }
}

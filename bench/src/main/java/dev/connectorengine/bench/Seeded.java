package dev.connectorengine.bench;

import dev.connectorengine.localstack.ApiClient;
import dev.connectorengine.localstack.DemoSeed;
import dev.connectorengine.localstack.DemoSeeder;
import dev.connectorengine.localstack.DemoTarget;
import java.util.UUID;

/**
 * A workspace of one pass with its credential and 3-step connector (GET, POST, PUT against a fake
 * API), created through the API as a user would.
 *
 * @param workspaceId selects the pass's runs in the database
 * @param connectorId the connector the pass triggers
 * @param api the API with the workspace's key
 */
record Seeded(UUID workspaceId, UUID connectorId, ApiClient api) {

  static Seeded seed(ApiClient admin, DemoTarget target, String workspaceName) {
    DemoSeed seed = new DemoSeeder(admin, target).seed(workspaceName);
    return new Seeded(
        UUID.fromString(seed.workspaceId()),
        UUID.fromString(seed.connectorId()),
        admin.withToken(seed.apiKey()));
  }

  TriggerLoad load() {
    return new TriggerLoad(api, connectorId.toString());
  }

  BatchTriggerLoad batchLoad() {
    return new BatchTriggerLoad(api, connectorId.toString());
  }
}

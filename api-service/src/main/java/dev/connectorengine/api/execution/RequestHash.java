package dev.connectorengine.api.execution;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SHA-256 of a trigger's canonical request, stored with its idempotency key: the same key with
 * another request is then told apart from a retry of the same one. Canonical: connector id, input,
 * flowRunId and callbackUrl in one JSON document whose object members are sorted by name at every
 * depth, so member order does not matter; anything else (a number written 1 or 1.0) does.
 */
final class RequestHash {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RequestHash() {}

  static byte[] of(UUID connectorId, JsonNode input, String flowRunId, String callbackUrl) {
    ObjectNode request = NODES.objectNode();
    request.put("callbackUrl", callbackUrl);
    request.put("connectorId", connectorId.toString());
    request.put("flowRunId", flowRunId);
    request.set("input", sorted(input));
    try {
      return MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(request));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      members.sort(Map.Entry.comparingByKey());
      ObjectNode copy = NODES.objectNode();
      members.forEach(m -> copy.set(m.getKey(), sorted(m.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.values().forEach(v -> copy.add(sorted(v)));
      return copy;
    }
    return node;
  }
}

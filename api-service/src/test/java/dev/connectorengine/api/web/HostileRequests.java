package dev.connectorengine.api.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes malformed and hostile requests from a seed: random methods, bodies (truncated JSON, deep
 * nesting, huge strings, wrong types, unknown fields, nulls, unicode, NUL), path ids that are not
 * UUIDs or belong to another workspace, and bad headers. The same seed makes the same requests.
 */
final class HostileRequests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  // Raw JSON spliced in where a string placeholder stands, for what a tree cannot hold.
  private static final String RAW = "\u0001raw\u0001";

  private static final List<String> RAW_VALUES =
      List.of(
          "\"\\u0000\"",
          "\"nul\\u0000inside\"",
          "\"\\ud800\"",
          "\"\\udfff\\ud800\"",
          "1e400",
          "-1e400",
          "99999999999999999999999999",
          "-0",
          "0.0000000000000000000000001",
          "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
          "[".repeat(80) + "]".repeat(80),
          "{\"a\":".repeat(70) + "1" + "}".repeat(70));

  private static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "é",
          "😀💥",
          "\u202Eevil",
          "日本語",
          "'; DROP TABLE connectors; --",
          "{{ credentials.victim.token }}",
          "{{",
          "../../etc/passwd",
          "<script>alert(1)</script>",
          "\t\n\r",
          "x".repeat(5_000));

  private static final List<String> BROKEN_BODIES =
      List.of(
          "",
          " ",
          "{",
          "}",
          "[",
          "{\"name\": }",
          "{\"name\": \"x\",}",
          "{'name': 'x'}",
          "{\"name\": \"x\"} trailing",
          "{\"name\": NaN}",
          "null",
          "true",
          "42",
          "\"a string\"",
          "[]",
          "[{}]",
          "{\"\": null}",
          "{\"name\":\"a\",\"name\":\"b\"}",
          "\u0000",
          "{\"name\": \"\\uZZZZ\"}");

  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json",
          "application/json",
          "application/json; charset=UTF-8",
          "application/json; charset=no-such-charset",
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "garbage",
          "application/merge-patch+json",
          "");

  private static final List<String> BAD_AUTH =
      List.of(
          "",
          "Bearer",
          "Bearer ",
          "Bearer    ",
          "Basic dXNlcjpwYXNz",
          "Digest username=\"x\"",
          "Token %s",
          "Bearer %s extra",
          "Bearer ce_" + "z".repeat(40),
          "Bearer ce_",
          "Bearer é😀",
          "Bearer " + "k".repeat(8_000),
          "Bearer\t%s");

  private static final List<String> IDEMPOTENCY_KEYS =
      List.of("", " ", "é", "\u0007bell", "k".repeat(300), "ok-key-1", "ok-key-2");

  private static final List<String> IF_NONE_MATCH =
      List.of(
          "*", "garbage", "\"abc\"", "W/\"x\"", "\"unterminated", ",,,", "\"" + "e".repeat(2000));

  private static final List<String> ACCEPT =
      List.of(
          "application/json", "*/*", "application/problem+json", "text/html", "application/xml");

  private static final List<String> RAW_PATH_IDS =
      List.of(
          "not-a-uuid",
          "00000000-0000-0000-0000-000000000000",
          "12345678-1234-1234-1234-1234567890123",
          "%00",
          "%2e%2e",
          "..",
          "%2F",
          "%C3%A9",
          "%F0%9F%98%80",
          "1%20OR%201%3D1",
          "a".repeat(3_000));

  private static final List<String> QUERIES =
      List.of(
          "",
          "?limit=-1",
          "?limit=0",
          "?limit=101",
          "?limit=1e9",
          "?limit=abc",
          "?limit=99999999999",
          "?limit=2",
          "?cursor=garbage",
          "?cursor=" + "A".repeat(500),
          "?cursor=MTox",
          "?status=done",
          "?status=pending",
          "?connectorId=nope",
          "?connectorId=%s",
          "?limit=&cursor=",
          "?limit=5&limit=6");

  private static final List<HttpMethod> METHODS =
      List.of(
          HttpMethod.GET,
          HttpMethod.POST,
          HttpMethod.PUT,
          HttpMethod.DELETE,
          HttpMethod.PATCH,
          HttpMethod.HEAD,
          HttpMethod.OPTIONS);

  private final Random random;
  private final Targets targets;
  private final String hugeString = "h".repeat(300_000);
  private final String overBodyLimit;

  HostileRequests(long seed, Targets targets) {
    this.random = new Random(seed);
    this.targets = targets;
    ObjectNode big = JSON.createObjectNode();
    for (int i = 0; i < 20; i++) {
      big.put("f" + i, "b".repeat(60_000));
    }
    this.overBodyLimit = big.toString();
  }

  /** One request to this endpoint. */
  HostileRequest next(Endpoint endpoint) {
    HttpMethod method = chance(85) ? endpoint.method() : pick(METHODS);
    List<String> crossIds = new ArrayList<>();
    String path = fillPath(method, endpoint.pattern(), crossIds);
    if (endpoint.pattern().endsWith("/executions")
        || endpoint.pattern().endsWith("/api-keys")
        || endpoint.pattern().endsWith("/audit-log")
        || endpoint.pattern().endsWith("/connectors")) {
      if (chance(50)) {
        // A filter naming another workspace's connector may answer an empty page; the check on
        // every answer's body makes sure nothing of that workspace is in it.
        String id = chance(50) ? targets.victimConnector() : targets.ownConnector();
        path += pick(QUERIES).formatted(id);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", authorization(endpoint));
    if (chance(25)) {
      headers.put("Idempotency-Key", pick(IDEMPOTENCY_KEYS));
    }
    if (chance(20)) {
      headers.put("If-None-Match", pick(IF_NONE_MATCH));
    }
    if (chance(10)) {
      headers.put("Accept", pick(ACCEPT));
    }
    String body = null;
    String contentType = null;
    if (method != HttpMethod.GET && method != HttpMethod.HEAD || chance(5)) {
      body = body(endpoint);
      contentType = pick(CONTENT_TYPES);
    }
    return new HostileRequest(method, URI.create(path), headers, contentType, body, crossIds);
  }

  private String authorization(Endpoint endpoint) {
    if (endpoint.admin()) {
      return chance(60) ? "Bearer " + targets.adminToken() : pick(BAD_AUTH).formatted("x");
    }
    int roll = random.nextInt(100);
    if (roll < 65) {
      return "Bearer " + targets.ownKey();
    }
    if (roll < 75) {
      return "Bearer " + targets.ownReadOnlyKey();
    }
    if (roll < 80) {
      return "bearer " + targets.ownKey();
    }
    return pick(BAD_AUTH).formatted(targets.ownKey());
  }

  private String fillPath(HttpMethod method, String pattern, List<String> crossIds) {
    StringBuilder path = new StringBuilder();
    for (String segment : pattern.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      path.append('/');
      if (!segment.startsWith("{")) {
        path.append(segment);
      } else if (segment.equals("{service}")) {
        path.append(service(method, crossIds));
      } else {
        path.append(id(pattern, crossIds));
      }
    }
    return path.toString();
  }

  private String id(String pattern, List<String> crossIds) {
    int roll = random.nextInt(100);
    if (roll < 35) {
      String victim = victimIdFor(pattern);
      crossIds.add(victim);
      return victim;
    }
    if (roll < 60) {
      return ownIdFor(pattern);
    }
    if (roll < 70) {
      return UUID.randomUUID().toString();
    }
    if (roll < 80) {
      return encode(pick(STRINGS));
    }
    return pick(RAW_PATH_IDS);
  }

  private String service(HttpMethod method, List<String> crossIds) {
    int roll = random.nextInt(100);
    // Service names are per workspace: a PUT under the other's name makes the caller one of its
    // own, so the other workspace's name is only aimed at by calls that cannot create.
    if (roll < 30 && method != HttpMethod.PUT && method != HttpMethod.POST) {
      crossIds.add(targets.victimService());
      return targets.victimService();
    }
    if (roll < 55) {
      return targets.ownService();
    }
    if (roll < 80) {
      return encode(pick(STRINGS));
    }
    return pick(RAW_PATH_IDS);
  }

  private String victimIdFor(String pattern) {
    if (pattern.contains("api-keys")) {
      return targets.victimKeyId();
    }
    if (pattern.contains("executions/")) {
      return targets.victimExecution();
    }
    return targets.victimConnector();
  }

  private String ownIdFor(String pattern) {
    if (pattern.contains("api-keys")) {
      return targets.ownSpareKeyId();
    }
    if (pattern.contains("executions/")) {
      return targets.ownExecution();
    }
    return targets.ownConnector();
  }

  private String body(Endpoint endpoint) {
    int roll = random.nextInt(100);
    if (roll < 2) {
      return overBodyLimit;
    }
    if (roll < 15) {
      return pick(BROKEN_BODIES);
    }
    String valid = endpoint.template().get().toString();
    if (roll < 25) {
      return valid.substring(0, random.nextInt(Math.max(1, valid.length())));
    }
    if (roll < 30) {
      return valid;
    }
    JsonNode tree = JSON.readTree(valid);
    List<String> raws = new ArrayList<>();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      tree = mutate(tree, raws);
    }
    String text = tree.toString();
    for (String raw : raws) {
      text =
          text.replaceFirst(
              java.util.regex.Pattern.quote("\"" + RAW + "\""),
              java.util.regex.Matcher.quoteReplacement(raw));
    }
    return text;
  }

  private JsonNode mutate(JsonNode root, List<String> raws) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = pick(containers);
    if (target instanceof ObjectNode object) {
      List<String> names = new ArrayList<>(object.propertyNames());
      int roll = random.nextInt(100);
      if (names.isEmpty() || roll < 20) {
        object.set(chance(50) ? "unknownField" + random.nextInt(9) : "é😀", replacement(raws));
      } else if (roll < 35) {
        object.remove(pick(names));
      } else {
        object.set(pick(names), replacement(raws));
      }
    } else if (target instanceof ArrayNode array) {
      if (array.isEmpty() || chance(40)) {
        array.add(replacement(raws));
      } else {
        array.set(random.nextInt(array.size()), replacement(raws));
      }
    }
    return root;
  }

  private JsonNode replacement(List<String> raws) {
    int roll = random.nextInt(15);
    return switch (roll) {
      case 0 -> JSON.nullNode();
      case 1 -> JSON.getNodeFactory().numberNode(random.nextInt());
      case 2 -> JSON.getNodeFactory().numberNode(-1);
      case 3 -> JSON.getNodeFactory().numberNode(1.5);
      case 4 -> JSON.getNodeFactory().booleanNode(chance(50));
      case 5 -> JSON.getNodeFactory().stringNode(pick(STRINGS));
      case 6 -> JSON.getNodeFactory().stringNode(hugeString);
      case 7 -> JSON.createArrayNode();
      case 8 -> JSON.createObjectNode();
      case 9 -> JSON.createArrayNode().add(JSON.nullNode()).add("x").add(3);
      case 10 -> JSON.createObjectNode().put("nested", pick(STRINGS));
      default -> {
        raws.add(pick(RAW_VALUES));
        yield JSON.getNodeFactory().stringNode(RAW);
      }
    };
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    if (node.isContainer()) {
      into.add(node);
      node.values().forEach(child -> collect(child, into));
    }
  }

  private static String encode(String value) {
    return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  /**
   * The ids the generator aims at.
   *
   * @param ownKey a key of the calling workspace with every scope
   * @param ownReadOnlyKey a key of the calling workspace with {@code read} only
   * @param ownSpareKeyId a key of the calling workspace that may be revoked (not ownKey's)
   */
  record Targets(
      String adminToken,
      String ownKey,
      String ownReadOnlyKey,
      String ownSpareKeyId,
      String ownConnector,
      String ownExecution,
      String ownService,
      String victimKeyId,
      String victimConnector,
      String victimExecution,
      String victimService) {}

  /**
   * One call of the API.
   *
   * @param template a valid body for it, which the generator then breaks
   * @param admin whether it is behind the admin token instead of an API key
   */
  record Endpoint(
      HttpMethod method,
      String pattern,
      java.util.function.Supplier<JsonNode> template,
      boolean admin) {

    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  /**
   * A generated request.
   *
   * @param crossIds the other workspace's ids in the path or query: no 2xx may answer them
   */
  record HostileRequest(
      HttpMethod method,
      URI uri,
      Map<String, String> headers,
      String contentType,
      String body,
      List<String> crossIds) {

    @Override
    public String toString() {
      String shown =
          body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
      String uriText = uri.toString();
      return method
          + " "
          + (uriText.length() > 200 ? uriText.substring(0, 200) + "..." : uriText)
          + " "
          + headers.keySet()
          + " ["
          + contentType
          + "] "
          + shown;
    }
  }
}

package dev.connectorengine.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small local "CRM" the demo connector talks to: find a person by e-mail (needs the API key),
 * enrich a company, update a contact. Answers are derived from the input, so runs are repeatable.
 */
public final class DemoTarget implements AutoCloseable {

  /** The header carrying the demo API key. */
  public static final String API_KEY_HEADER = "X-Api-Key";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor;
  private final String apiKey;
  private final Duration answerDelay;
  private final Map<String, JsonNode> contacts = new ConcurrentHashMap<>();

  private DemoTarget(
      HttpServer server, ExecutorService executor, String apiKey, Duration answerDelay) {
    this.server = server;
    this.executor = executor;
    this.apiKey = apiKey;
    this.answerDelay = answerDelay;
  }

  /** Starts on 127.0.0.1:{@code port} (0 for any free port), accepting {@code apiKey}. */
  public static DemoTarget start(int port, String apiKey) {
    return start(port, apiKey, Duration.ZERO);
  }

  /**
   * Starts like {@link #start(int, String)}, answering every call only after {@code answerDelay} (a
   * slow third-party API; the wait holds a virtual thread, not a platform one).
   */
  public static DemoTarget start(int port, String apiKey, Duration answerDelay) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      DemoTarget target = new DemoTarget(server, executor, apiKey, answerDelay);
      server.setExecutor(executor);
      server.createContext("/people", target.delayed(target::people));
      server.createContext("/companies/enrich", target.delayed(target::enrich));
      server.createContext("/contacts/", target.delayed(target::contact));
      server.start();
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the demo target on port " + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public String apiKey() {
    return apiKey;
  }

  /** The contact stored by the last {@code PUT /contacts/{id}}, or null. */
  public JsonNode contact(String id) {
    return contacts.get(id);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private HttpHandler delayed(HttpHandler handler) {
    if (answerDelay.isZero() || answerDelay.isNegative()) {
      return handler;
    }
    return exchange -> {
      try {
        Thread.sleep(answerDelay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.close();
        return;
      }
      handler.handle(exchange);
    };
  }

  private void people(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, error("use GET"));
        return;
      }
      if (!apiKey.equals(exchange.getRequestHeaders().getFirst(API_KEY_HEADER))) {
        send(exchange, 401, error("missing or wrong " + API_KEY_HEADER));
        return;
      }
      String email = queryParameter(exchange.getRequestURI(), "email");
      if (email == null || !email.contains("@")) {
        send(exchange, 400, error("query parameter email is required"));
        return;
      }
      String domain = email.substring(email.indexOf('@') + 1);
      String company = domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain;
      ObjectNode person = JSON.createObjectNode();
      person.put("id", "p-" + Integer.toHexString(email.toLowerCase(Locale.ROOT).hashCode()));
      person.put("email", email);
      person.put("company", company);
      ObjectNode body = JSON.createObjectNode();
      body.putArray("data").add(person);
      send(exchange, 200, body);
    }
  }

  private void enrich(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, error("use POST"));
        return;
      }
      JsonNode request = readJson(exchange.getRequestBody());
      String company = request == null ? "" : request.path("company").asString("");
      if (company.isBlank()) {
        send(exchange, 400, error("body field company is required"));
        return;
      }
      ObjectNode enriched = JSON.createObjectNode();
      enriched.put("name", Character.toUpperCase(company.charAt(0)) + company.substring(1));
      enriched.put("size", 10 + Math.floorMod(company.hashCode(), 990));
      ObjectNode body = JSON.createObjectNode();
      body.set("company", enriched);
      send(exchange, 200, body);
    }
  }

  private void contact(HttpExchange exchange) throws IOException {
    try (exchange) {
      String id = exchange.getRequestURI().getPath().substring("/contacts/".length());
      if (id.isBlank() || id.contains("/")) {
        send(exchange, 404, error("no such contact"));
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "PUT" -> {
          JsonNode request = readJson(exchange.getRequestBody());
          if (request == null || !request.isObject()) {
            send(exchange, 400, error("body must be a JSON object"));
            return;
          }
          ObjectNode stored = JSON.createObjectNode();
          stored.put("id", id);
          stored.setAll((ObjectNode) request);
          contacts.put(id, stored);
          send(exchange, 200, stored);
        }
        case "GET" -> {
          JsonNode stored = contacts.get(id);
          send(
              exchange,
              stored == null ? 404 : 200,
              stored == null ? error("no such contact") : stored);
        }
        default -> send(exchange, 405, error("use PUT or GET"));
      }
    }
  }

  private static JsonNode readJson(InputStream body) throws IOException {
    try {
      return JSON.readTree(body.readAllBytes());
    } catch (JacksonException e) {
      return null;
    }
  }

  private static String queryParameter(URI uri, String name) {
    String query = uri.getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return equals < 0
            ? ""
            : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static JsonNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}

package dev.connectorengine.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON client of Connector Engine's public HTTP API, authenticated with one bearer token
 * (an API key or the admin token).
 */
public final class ApiClient {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI baseUrl;
  private final String token;

  public ApiClient(URI baseUrl, String token) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.token = token;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The same API with another bearer token (null for none). */
  public ApiClient withToken(String otherToken) {
    return new ApiClient(baseUrl, otherToken);
  }

  public ApiResponse get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  public ApiResponse delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  /** POSTs {@code body} (any Jackson-serializable value; a String is sent as is). */
  public ApiResponse post(String path, Object body, String... headers) {
    return send("POST", path, body, headers);
  }

  /** PUTs {@code body} (any Jackson-serializable value; a String is sent as is). */
  public ApiResponse put(String path, Object body, String... headers) {
    return send("PUT", path, body, headers);
  }

  /**
   * Sends a request; {@code headers} are name, value pairs.
   *
   * @throws UncheckedIOException when the API does not answer
   */
  public ApiResponse send(String method, String path, Object body, String... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("headers must be name, value pairs");
    }
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(
                body instanceof String text ? text : JSON.writeValueAsString(body));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json, application/problem+json")
            .method(method, publisher);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    List<String> pairs = new ArrayList<>(List.of(headers));
    for (int i = 0; i < pairs.size(); i += 2) {
      request.header(pairs.get(i), pairs.get(i + 1));
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new ApiResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " got no answer from " + baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }
}

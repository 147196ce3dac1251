package dev.connectorengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** Calls the API through MockMvc and reads answers as JSON. */
public final class ApiClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long ASYNC_ANSWER_MS = 90_000;

  private final MockMvc mvc;

  public ApiClient(MockMvc mvc) {
    this.mvc = mvc;
  }

  /** Creates a workspace through the admin call and answers its first API key. */
  public String newWorkspaceKey(String name) {
    Answer answer =
        call(
            HttpMethod.POST,
            "/api/v1/admin/workspaces",
            ApiIntegrationTest.ADMIN_TOKEN,
            "{\"name\": \"" + name + "\"}",
            Map.of());
    assertThat(answer.status()).isEqualTo(201);
    return answer.json().get("apiKey").stringValue();
  }

  /** Creates a key with these scopes through {@code POST /api/v1/api-keys}: its id and key. */
  public NewKey newKey(String callerKey, String name, String... scopes) {
    return newKey(callerKey, Map.of("name", name, "scopes", java.util.List.of(scopes)));
  }

  /**
   * Creates a key from this body of {@code POST /api/v1/api-keys} (with {@code expiresAt} or {@code
   * connectorIds}, say): its id and key.
   */
  public NewKey newKey(String callerKey, Map<String, ?> body) {
    Answer answer = post("/api/v1/api-keys", callerKey, body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return new NewKey(
        answer.json().get("id").stringValue(), answer.json().get("apiKey").stringValue());
  }

  /**
   * A key made by {@link #newKey}.
   *
   * @param id the key's id, as lists and the audit log show it
   * @param key the key itself
   */
  public record NewKey(String id, String key) {}

  public Answer get(String path, String key) {
    return call(HttpMethod.GET, path, key, null, Map.of());
  }

  public Answer post(String path, String key, Object body) {
    return call(HttpMethod.POST, path, key, body, Map.of());
  }

  public Answer put(String path, String key, Object body) {
    return call(HttpMethod.PUT, path, key, body, Map.of());
  }

  public Answer delete(String path, String key) {
    return call(HttpMethod.DELETE, path, key, null, Map.of());
  }

  /** Any call; a body that is not a String is written as JSON. */
  public Answer call(
      HttpMethod method, String path, String key, Object body, Map<String, String> headers) {
    MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path);
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    headers.forEach(request::header);
    if (body != null) {
      request
          .contentType(MediaType.APPLICATION_JSON)
          .content(body instanceof String text ? text : JSON.writeValueAsString(body));
    }
    try {
      MvcResult result = mvc.perform(request).andReturn();
      if (result.getRequest().isAsyncStarted()) {
        // A call that waits (?wait=): its answer comes on a second, asynchronous dispatch.
        result.getAsyncResult(ASYNC_ANSWER_MS);
        result = mvc.perform(MockMvcRequestBuilders.asyncDispatch(result)).andReturn();
      }
      return new Answer(result.getResponse());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  /** An answer: status, headers and body. */
  public record Answer(MockHttpServletResponse response) {

    public int status() {
      return response.getStatus();
    }

    public String header(String name) {
      return response.getHeader(name);
    }

    public String text() {
      try {
        return response.getContentAsString();
      } catch (java.io.UnsupportedEncodingException e) {
        throw new IllegalStateException(e);
      }
    }

    public JsonNode json() {
      String text = text();
      return text.isEmpty() ? MissingNode.getInstance() : JSON.readTree(text);
    }

    /** The {@code field}s of a problem's {@code errors} array. */
    public java.util.List<String> errorFields() {
      return json().path("errors").valueStream().map(e -> e.get("field").stringValue()).toList();
    }

    public String contentType() {
      return response.getContentType();
    }

    @Override
    public String toString() {
      return status() + " " + text();
    }
  }
}

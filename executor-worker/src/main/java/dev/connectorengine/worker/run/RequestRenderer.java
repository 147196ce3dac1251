package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.HttpRequestSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.model.template.Templates;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * Renders a step's request templates against the run context: URL, URL-encoded query parameters (a
 * parameter or header rendering to null is left out) and the JSON body.
 */
final class RequestRenderer {

  private RequestRenderer() {}

  /**
   * @throws StepPreparationException when a template has no value or the result is not a request
   */
  static PreparedRequest render(HttpRequestSpec spec, JsonNode context) {
    try {
      String method =
          spec.method() == null ? "GET" : spec.method().strip().toUpperCase(Locale.ROOT);
      String url = Templates.renderText(spec.url(), context);
      if (url == null || url.isBlank()) {
        throw new StepPreparationException("the request URL renders to nothing");
      }
      URI uri = uri(withQuery(url, spec.query(), context));
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, String> header : spec.headers().entrySet()) {
        String value = Templates.renderText(header.getValue(), context);
        if (value != null) {
          headers.put(header.getKey(), value);
        }
      }
      String body =
          spec.body() == null || spec.body().isNull()
              ? null
              : ExecutionJson.write(Templates.render(spec.body(), context));
      return new PreparedRequest(method, uri, headers, body);
    } catch (TemplateException e) {
      throw new StepPreparationException(e.getMessage());
    }
  }

  private static String withQuery(String url, Map<String, String> query, JsonNode context) {
    StringJoiner pairs = new StringJoiner("&");
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      String value = Templates.renderText(parameter.getValue(), context);
      if (value != null) {
        pairs.add(encode(parameter.getKey()) + "=" + encode(value));
      }
    }
    if (pairs.length() == 0) {
      return url;
    }
    int fragment = url.indexOf('#');
    String base = fragment < 0 ? url : url.substring(0, fragment);
    String separator =
        base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
    return base + separator + pairs + (fragment < 0 ? "" : url.substring(fragment));
  }

  private static URI uri(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new StepPreparationException("the request URL is not valid: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new StepPreparationException("the request URL must be an absolute http(s) URL");
    }
    return uri;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.HttpRequestSpec;
import dev.connectorengine.model.execution.ExecutionJson;
import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.model.template.Templates;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * Renders a step's request templates against the run context: URL, URL-encoded query parameters (a
 * parameter or header rendering to null is left out) and the JSON body. Names the headers and query
 * parameters a {@code credentials.} template filled, which a redirect to another origin drops.
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
      Set<String> credentialParams = credentialParamsIn(spec.url());
      URI uri = uri(withQuery(url, spec.query(), context, credentialParams));
      Map<String, String> headers = new LinkedHashMap<>();
      Set<String> credentialHeaders = new LinkedHashSet<>();
      for (Map.Entry<String, String> header : spec.headers().entrySet()) {
        String value = Templates.renderText(header.getValue(), context);
        if (value != null) {
          headers.put(header.getKey(), value);
          if (readsCredentials(header.getValue())) {
            credentialHeaders.add(header.getKey());
          }
        }
      }
      String body =
          spec.body() == null || spec.body().isNull()
              ? null
              : ExecutionJson.write(Templates.render(spec.body(), context));
      return new PreparedRequest(method, uri, headers, body, credentialHeaders, credentialParams);
    } catch (TemplateException e) {
      throw new StepPreparationException(e.getMessage());
    }
  }

  // Adds the rendered parameters to the URL, and to credentialParams those a credential filled.
  private static String withQuery(
      String url, Map<String, String> query, JsonNode context, Set<String> credentialParams) {
    StringJoiner pairs = new StringJoiner("&");
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      String value = Templates.renderText(parameter.getValue(), context);
      if (value != null) {
        pairs.add(encode(parameter.getKey()) + "=" + encode(value));
        if (readsCredentials(parameter.getValue())) {
          credentialParams.add(parameter.getKey());
        }
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

  /** The query parameters whose value the URL template fills from credentials, by name. */
  private static Set<String> credentialParamsIn(String urlTemplate) {
    Set<String> names = new LinkedHashSet<>();
    int fragment = urlTemplate.indexOf('#');
    String base = fragment < 0 ? urlTemplate : urlTemplate.substring(0, fragment);
    int question = base.indexOf('?');
    if (question < 0) {
      return names;
    }
    for (String pair : base.substring(question + 1).split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && readsCredentials(pair.substring(equals + 1))) {
        names.add(decoded(pair.substring(0, equals)));
      }
    }
    return names;
  }

  private static String decoded(String name) {
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return name; // not valid percent-encoding: the name as written
    }
  }

  private static boolean readsCredentials(String template) {
    return Templates.referencesIn(template).stream()
        .anyMatch(path -> path.root().equals("credentials"));
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

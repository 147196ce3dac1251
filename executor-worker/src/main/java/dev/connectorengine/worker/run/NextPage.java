package dev.connectorengine.worker.run;

import dev.connectorengine.model.integration.PaginationSpec;
import dev.connectorengine.model.template.JsonPathExtractor;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * Where an action's next page is, by its pagination style: the cursor read from the body sent as a
 * query parameter, the page number counted up, or the RFC 8288 {@code Link: <...>; rel="next"}
 * header. Empty when there is no next page.
 */
final class NextPage {

  private NextPage() {}

  /**
   * @param current the request that got {@code answer}
   * @param itemsSoFar items collected, the answer's included
   * @param pagesSoFar pages fetched, the answer's included
   */
  static Optional<URI> after(
      PaginationSpec pagination, URI current, HttpAnswer answer, int itemsSoFar, int pagesSoFar) {
    return switch (pagination.style()) {
      case "cursor" -> {
        JsonNode cursor = JsonPathExtractor.read(pagination.cursorPath(), answer.body());
        String text = cursor.isNull() || cursor.isContainer() ? "" : cursor.asString();
        yield text.isEmpty()
            ? Optional.empty()
            : Optional.of(withParameter(current, pagination.cursorParam(), text));
      }
      case "page" ->
          Optional.of(
              withParameter(
                  current,
                  pagination.pageParam(),
                  Integer.toString(pagination.firstPage() + pagesSoFar)));
      case "link" -> nextLink(answer.headers().get("link")).map(current::resolve);
      default ->
          throw new StepPreparationException(
              "unknown pagination style '" + pagination.style() + "'");
    };
  }

  /** The {@code rel="next"} target of {@code Link} header values, as written (maybe relative). */
  static Optional<String> nextLinkTarget(List<String> values) {
    if (values == null) {
      return Optional.empty();
    }
    for (String value : values) {
      for (String link : splitLinks(value)) {
        int open = link.indexOf('<');
        int close = link.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
          continue;
        }
        for (String parameter : link.substring(close + 1).split(";")) {
          String[] pair = parameter.strip().split("=", 2);
          if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("rel")) {
            String rels = pair[1].strip().replace("\"", "");
            for (String rel : rels.split("\\s+")) {
              if (rel.equalsIgnoreCase("next")) {
                return Optional.of(link.substring(open + 1, close).strip());
              }
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<URI> nextLink(List<String> values) {
    return nextLinkTarget(values)
        .map(
            target -> {
              try {
                return URI.create(target);
              } catch (IllegalArgumentException e) {
                throw new StepPreparationException("the next page's link is not a URL: " + target);
              }
            });
  }

  // Commas separate links, except inside <...> and quoted parameter values.
  private static List<String> splitLinks(String value) {
    List<String> links = new java.util.ArrayList<>();
    boolean inUri = false;
    boolean inQuotes = false;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '<' && !inQuotes) {
        inUri = true;
      } else if (c == '>' && !inQuotes) {
        inUri = false;
      } else if (c == '"' && !inUri) {
        inQuotes = !inQuotes;
      } else if (c == ',' && !inUri && !inQuotes) {
        links.add(value.substring(start, i));
        start = i + 1;
      }
    }
    links.add(value.substring(start));
    return links;
  }

  /**
   * The URI with query parameter {@code name} set to {@code value} (replacing any of that name).
   */
  static URI withParameter(URI uri, String name, String value) {
    String raw = uri.getRawQuery();
    StringJoiner query = new StringJoiner("&");
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        String pairName = equals < 0 ? pair : pair.substring(0, equals);
        if (!URLDecoder.decode(pairName, StandardCharsets.UTF_8).equals(name)) {
          query.add(pair);
        }
      }
    }
    query.add(encode(name) + "=" + encode(value));
    String text = uri.toString();
    int cut = text.indexOf('?');
    if (cut < 0) {
      cut = text.indexOf('#');
    }
    String base = cut < 0 ? text : text.substring(0, cut);
    return URI.create(base + "?" + query);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

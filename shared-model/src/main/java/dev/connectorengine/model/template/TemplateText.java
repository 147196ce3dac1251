package dev.connectorengine.model.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One string's templates, parsed once: its literal text and {@code {{ path }}} parts, and whether
 * it is exactly one template. A connector's strings are rendered on every step of every run and
 * never change, so parsed strings are kept (up to {@value #CACHED} of them) and rendering costs no
 * regular expression.
 */
public final class TemplateText {

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}");
  private static final Pattern WHOLE = Pattern.compile("\\s*\\{\\{([^{}]*)}}\\s*");
  private static final int CACHED = 50_000;
  private static final Map<String, TemplateText> PARSED = new ConcurrentHashMap<>();

  /** Literal strings and {@link TemplatePath}s, in order. */
  private final List<Object> parts;

  private final List<TemplatePath> paths;
  private final TemplatePath whole;

  private TemplateText(List<Object> parts, List<TemplatePath> paths, TemplatePath whole) {
    this.parts = parts;
    this.paths = paths;
    this.whole = whole;
  }

  /**
   * The parsed form of {@code text}.
   *
   * @throws TemplateException when a template does not parse or braces are unbalanced
   */
  public static TemplateText of(String text) {
    TemplateText parsed = PARSED.get(text);
    if (parsed == null) {
      parsed = parse(text);
      if (PARSED.size() < CACHED) {
        PARSED.putIfAbsent(text, parsed);
      }
    }
    return parsed;
  }

  /** The template paths, in order. */
  public List<TemplatePath> paths() {
    return paths;
  }

  /**
   * Renders it: a lone template keeps the value's type, otherwise text is spliced in.
   *
   * @return the rendered value; a null node when a lone template has no value
   */
  public JsonNode renderValue(JsonNode context) {
    if (whole != null) {
      return Templates.resolve(whole, context);
    }
    return JsonNodeFactory.instance.stringNode(renderText(context));
  }

  /**
   * Renders it to text, as for a URL or a header.
   *
   * @return the text, or null when the string is one template whose path has no value
   * @throws TemplateException when a template inside a longer string has no value
   */
  public String renderText(JsonNode context) {
    if (whole != null) {
      JsonNode value = Templates.resolve(whole, context);
      return value.isNull() ? null : Templates.asText(value);
    }
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof TemplatePath path) {
        JsonNode value = Templates.resolve(path, context);
        if (value.isNull()) {
          throw new TemplateException("template {{ " + path + " }} has no value");
        }
        out.append(Templates.asText(value));
      } else {
        out.append((String) part);
      }
    }
    return out.toString();
  }

  private static TemplateText parse(String text) {
    List<Object> parts = new ArrayList<>();
    List<TemplatePath> paths = new ArrayList<>();
    Matcher matcher = TEMPLATE.matcher(text);
    int end = 0;
    while (matcher.find()) {
      String between = text.substring(end, matcher.start());
      requireNoBraces(between, text);
      String inner = matcher.group(1);
      if (inner.contains("{")) {
        throw new TemplateException("template in '" + text + "' has unbalanced braces");
      }
      TemplatePath path = TemplatePath.parse(inner);
      if (!between.isEmpty()) {
        parts.add(between);
      }
      parts.add(path);
      paths.add(path);
      end = matcher.end();
    }
    String tail = text.substring(end);
    requireNoBraces(tail, text);
    if (!tail.isEmpty()) {
      parts.add(tail);
    }
    Matcher lone = WHOLE.matcher(text);
    TemplatePath whole = lone.matches() ? TemplatePath.parse(lone.group(1)) : null;
    return new TemplateText(List.copyOf(parts), List.copyOf(paths), whole);
  }

  private static void requireNoBraces(String between, String text) {
    if (between.contains("{{") || between.contains("}}")) {
      throw new TemplateException("template in '" + text + "' has unbalanced braces");
    }
  }
}

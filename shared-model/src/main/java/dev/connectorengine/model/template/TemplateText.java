package dev.connectorengine.model.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One string's templates, parsed once: its literal text and its {@code {{ path | transform }}}
 * parts (see {@link TemplatePart}), and whether it is exactly one template. A connector's strings
 * are rendered on every step of every run and never change, so parsed strings are kept (up to
 * {@value #CACHED} of them) and rendering costs no regular expression.
 */
public final class TemplateText {

  private static final int CACHED = 50_000;
  private static final Map<String, TemplateText> PARSED = new ConcurrentHashMap<>();

  /** Literal strings and {@link TemplatePart}s, in order. */
  private final List<Object> parts;

  private final List<TemplatePath> paths;
  private final TemplatePart whole;

  private TemplateText(List<Object> parts, List<TemplatePath> paths, TemplatePart whole) {
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
      return whole.render(context);
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
      JsonNode value = whole.render(context);
      return value.isNull() ? null : Templates.asText(value);
    }
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof TemplatePart template) {
        JsonNode value = template.render(context);
        if (value.isNull()) {
          throw new TemplateException("template {{ " + template.expression() + " }} has no value");
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
    TemplatePart lone = null;
    int end = 0;
    int open;
    while ((open = text.indexOf("{{", end)) >= 0) {
      String between = text.substring(end, open);
      requireNoBraces(between, text);
      int close = closingBraces(text, open + 2);
      TemplatePart part = TemplatePart.parse(text.substring(open + 2, close));
      if (!between.isEmpty()) {
        parts.add(between);
      }
      parts.add(part);
      paths.add(part.path());
      lone = paths.size() == 1 && isBlank(between) ? part : null;
      end = close + 2;
    }
    String tail = text.substring(end);
    requireNoBraces(tail, text);
    if (!tail.isEmpty()) {
      parts.add(tail);
    }
    TemplatePart whole = lone != null && isBlank(tail) ? lone : null;
    return new TemplateText(List.copyOf(parts), List.copyOf(paths), whole);
  }

  // Where the template opened before `from` closes. Once a `|` starts the transforms, a quoted
  // argument may hold braces and pipes; a line break or a `{` elsewhere leaves it unbalanced.
  private static int closingBraces(String text, int from) {
    boolean piped = false;
    boolean quoted = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
        return i;
      } else if (c == '{' || isLineBreak(c)) {
        break;
      } else if (c == '|') {
        piped = true;
      } else if (c == '"' && piped) {
        quoted = true;
      }
    }
    throw new TemplateException(
        "template in '" + text + "' has " + (quoted ? "an unclosed quote" : "unbalanced braces"));
  }

  // The characters a regular expression's \s matches, which decided lone templates before.
  private static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (" \t\n\u000B\f\r".indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  private static void requireNoBraces(String between, String text) {
    if (between.contains("{{") || between.contains("}}")) {
      throw new TemplateException("template in '" + text + "' has unbalanced braces");
    }
  }
}

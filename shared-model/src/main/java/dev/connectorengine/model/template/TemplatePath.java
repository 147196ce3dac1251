package dev.connectorengine.model.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed template path such as {@code steps.person.output.id} or {@code input.items[0].name}.
 *
 * @param expression the path as written, trimmed
 * @param segments property names ({@link String}) and array indexes ({@link Integer}), in order
 */
public record TemplatePath(String expression, List<Object> segments) {

  /**
   * The roots a path may start with, in the order error messages list them. {@code response} is the
   * answer an action's output mapping reads; a connector's templates may not read it.
   */
  public static final Set<String> ROOTS =
      Collections.unmodifiableSequencedSet(
          new LinkedHashSet<>(
              List.of(
                  "input", "steps", "credentials", "execution", "workspace", "step", "response")));

  private static final Pattern SEGMENT =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)((?:\\[\\d{1,9}])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,9})]");

  public TemplatePath {
    segments = List.copyOf(segments);
  }

  /**
   * Parses a path.
   *
   * @throws TemplateException naming the path when it is not of the form {@code
   *     name(.name|[index])*} or starts with an unknown root
   */
  public static TemplatePath parse(String expression) {
    String path = expression.strip();
    if (path.isEmpty()) {
      throw new TemplateException("empty template {{ }}");
    }
    List<Object> segments = new ArrayList<>();
    for (String part : path.split("\\.", -1)) {
      Matcher matcher = SEGMENT.matcher(part);
      if (!matcher.matches()) {
        throw new TemplateException(
            "template {{ " + path + " }} is not a path like input.email or steps.id.output.name");
      }
      segments.add(matcher.group(1));
      Matcher index = INDEX.matcher(matcher.group(2));
      while (index.find()) {
        segments.add(Integer.parseInt(index.group(1)));
      }
    }
    if (!ROOTS.contains((String) segments.getFirst())) {
      throw new TemplateException(
          "template {{ "
              + path
              + " }} starts with unknown root '"
              + segments.getFirst()
              + "'; expected one of "
              + String.join(", ", ROOTS));
    }
    return new TemplatePath(path, segments);
  }

  /** The first segment: {@code input}, {@code steps}, ... */
  public String root() {
    return (String) segments.getFirst();
  }

  /** The segment at {@code index}, or null past the end. */
  public Object segment(int index) {
    return index < segments.size() ? segments.get(index) : null;
  }

  @Override
  public String toString() {
    return expression;
  }
}

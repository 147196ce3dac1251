package dev.connectorengine.api.template;

import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The rules of a template's catalogue entry: lengths, and tags trimmed, lowercased and unique. */
final class TemplateEntryRules {

  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 2000;
  static final int MAX_SHORT = 100;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 50;

  private TemplateEntryRules() {}

  /** The entry, normalised; 422 naming every field at fault. */
  static TemplatePatch checked(TemplatePatch entry, boolean nameRequired) {
    List<SpecViolation> violations = new ArrayList<>();
    String name = entry.name() == null ? null : entry.name().strip();
    if (name == null ? nameRequired : name.isEmpty() || name.length() > MAX_NAME) {
      violations.add(new SpecViolation("name", "is required, 1 to " + MAX_NAME + " chars"));
    }
    length(violations, "description", entry.description(), MAX_DESCRIPTION);
    length(violations, "icon", entry.icon(), MAX_SHORT);
    length(violations, "category", entry.category(), MAX_SHORT);
    List<String> tags = null;
    if (entry.tags() != null) {
      LinkedHashSet<String> unique = new LinkedHashSet<>();
      for (int i = 0; i < entry.tags().size(); i++) {
        String tag = entry.tags().get(i);
        if (tag == null || tag.isBlank() || tag.strip().length() > MAX_TAG) {
          violations.add(
              new SpecViolation("tags[" + i + "]", "must be 1 to " + MAX_TAG + " chars"));
        } else {
          unique.add(tag.strip().toLowerCase(Locale.ROOT));
        }
      }
      if (unique.size() > MAX_TAGS) {
        violations.add(new SpecViolation("tags", "at most " + MAX_TAGS + " tags"));
      }
      tags = List.copyOf(unique);
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the template is invalid", violations);
    }
    return new TemplatePatch(
        name,
        entry.description(),
        entry.icon(),
        entry.category(),
        tags,
        entry.isPublic(),
        entry.isFeatured());
  }

  private static void length(List<SpecViolation> violations, String field, String value, int max) {
    if (value != null && value.length() > max) {
      violations.add(new SpecViolation(field, "must be at most " + max + " chars"));
    }
  }
}

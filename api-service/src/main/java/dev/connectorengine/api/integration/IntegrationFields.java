package dev.connectorengine.api.integration;

import dev.connectorengine.model.connector.SpecViolation;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The fields integrations and actions share: slug, name, free text and metadata. */
final class IntegrationFields {

  static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 2000;
  static final int MAX_METADATA_BYTES = 16 * 1024;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 50;

  private IntegrationFields() {}

  static void slug(String slug, List<SpecViolation> violations) {
    if (slug == null || !SLUG.matcher(slug).matches()) {
      violations.add(
          new SpecViolation(
              "slug",
              "is required and must match [a-z0-9][a-z0-9-]{0,62}: lower-case letters,"
                  + " digits and -"));
    }
  }

  /** The name, stripped; a violation when it is missing or longer than 200 chars. */
  static String name(String name, List<SpecViolation> violations) {
    String stripped = name == null ? null : name.strip();
    if (stripped == null || stripped.isEmpty() || stripped.length() > MAX_NAME) {
      violations.add(new SpecViolation("name", "is required, 1 to " + MAX_NAME + " chars"));
    }
    return stripped;
  }

  static void length(String field, String value, int max, List<SpecViolation> violations) {
    if (value != null && value.length() > max) {
      violations.add(new SpecViolation(field, "must be at most " + max + " chars"));
    }
  }

  /** The tags trimmed, lower-cased and without repeats; none for null. */
  static List<String> tags(List<String> tags, List<SpecViolation> violations) {
    if (tags == null) {
      return List.of();
    }
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      if (tag == null || tag.isBlank() || tag.strip().length() > MAX_TAG) {
        violations.add(new SpecViolation("tags[" + i + "]", "must be 1 to " + MAX_TAG + " chars"));
      } else {
        unique.add(tag.strip().toLowerCase(Locale.ROOT));
      }
    }
    if (unique.size() > MAX_TAGS) {
      violations.add(new SpecViolation("tags", "at most " + MAX_TAGS + " tags"));
    }
    return List.copyOf(unique);
  }

  /** The metadata object, {} for none; a violation when not an object or over 16 KiB. */
  static JsonNode metadata(JsonNode metadata, List<SpecViolation> violations) {
    if (metadata == null || metadata.isNull() || metadata.isMissingNode()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!metadata.isObject()) {
      violations.add(new SpecViolation("metadata", "must be a JSON object"));
    } else if (metadata.toString().getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
      violations.add(
          new SpecViolation(
              "metadata", "must be at most " + MAX_METADATA_BYTES + " bytes as JSON"));
    }
    return metadata;
  }
}

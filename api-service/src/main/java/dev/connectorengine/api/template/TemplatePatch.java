package dev.connectorengine.api.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code PATCH} of a template: the fields given change, the others stay; the spec is not patched
 * (publish again, or PUT an official one).
 *
 * @param isFeatured admins only: shown first in the catalogue
 */
record TemplatePatch(
    String name,
    String description,
    String icon,
    String category,
    List<String> tags,
    @JsonProperty("isPublic") Boolean isPublic,
    @JsonProperty("isFeatured") Boolean isFeatured) {}

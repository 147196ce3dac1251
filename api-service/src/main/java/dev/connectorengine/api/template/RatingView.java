package dev.connectorengine.api.template;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * The workspace's rating of a template and the template's totals after it.
 *
 * @param stars this workspace's rating
 * @param rating the mean over every workspace's rating
 * @param ratingCount how many workspaces rated it
 */
record RatingView(
    @Schema(requiredMode = REQUIRED) UUID templateId,
    int stars,
    @Schema(requiredMode = REQUIRED) Double rating,
    long ratingCount) {}

package dev.connectorengine.api.template;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code PUT /api/v1/templates/{id}/rating}.
 *
 * @param stars 1 to 5
 */
record RatingRequest(@Schema(requiredMode = REQUIRED) Integer stars) {}

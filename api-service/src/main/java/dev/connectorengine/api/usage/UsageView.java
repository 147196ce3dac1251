package dev.connectorengine.api.usage;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A workspace's runs this UTC day and month, beside its limits, and the calling key's.
 *
 * @param day since midnight UTC
 * @param month since the first of the month, UTC
 * @param apiKey the calling key's own runs and limits; null when the key has no limits
 */
record UsageView(
    @Schema(requiredMode = REQUIRED) Period day,
    @Schema(requiredMode = REQUIRED) Period month,
    ApiKeyUsage apiKey) {

  /**
   * A key's runs this UTC day and month, counted from when it has limits, beside its limits.
   *
   * @param id the key
   */
  record ApiKeyUsage(
      @Schema(requiredMode = REQUIRED) UUID id,
      @Schema(requiredMode = REQUIRED) Period day,
      @Schema(requiredMode = REQUIRED) Period month) {}

  /**
   * One period's usage.
   *
   * @param start the period's first day
   * @param runs runs triggered in it
   * @param limit the limit for it, or null for none
   * @param resetsAt when the next period starts
   */
  record Period(
      @Schema(requiredMode = REQUIRED) LocalDate start,
      long runs,
      Long limit,
      @Schema(requiredMode = REQUIRED) Instant resetsAt) {}
}

package dev.connectorengine.api.execution;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.connectorengine.model.execution.ExecutionStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a batch trigger, in the order of its items.
 *
 * @param items one per item of the request
 */
record BatchTriggerResponse(@Schema(requiredMode = REQUIRED) List<TriggeredItem> items) {

  /**
   * What became of one item.
   *
   * @param id its execution
   * @param status the execution's status now: {@code pending} for one made by this batch
   * @param idempotentReplayed true when the item's key was seen before and this is that execution
   */
  record TriggeredItem(
      @Schema(requiredMode = REQUIRED) UUID id,
      @Schema(requiredMode = REQUIRED) ExecutionStatus status,
      boolean idempotentReplayed) {}
}

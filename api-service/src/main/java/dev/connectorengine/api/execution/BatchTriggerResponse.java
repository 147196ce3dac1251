package dev.connectorengine.api.execution;

import dev.connectorengine.model.execution.ExecutionStatus;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a batch trigger, in the order of its items.
 *
 * @param items one per item of the request
 */
record BatchTriggerResponse(List<TriggeredItem> items) {

  /**
   * What became of one item.
   *
   * @param id its execution
   * @param status the execution's status now: {@code pending} for one made by this batch
   * @param idempotentReplayed true when the item's key was seen before and this is that execution
   */
  record TriggeredItem(UUID id, ExecutionStatus status, boolean idempotentReplayed) {}
}

package dev.connectorengine.api.execution;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.connector.ConnectorLookup;
import dev.connectorengine.api.connector.ConnectorLookup.CurrentConnector;
import dev.connectorengine.api.execution.BatchTriggerRequest.TriggerItem;
import dev.connectorengine.api.execution.BatchTriggerResponse.TriggeredItem;
import dev.connectorengine.api.execution.ExecutionBatchRepository.KeyedExecution;
import dev.connectorengine.api.execution.ExecutionBatchRepository.PendingBatch;
import dev.connectorengine.api.execution.ExecutionBatchRepository.PendingRow;
import dev.connectorengine.api.kafka.OutboundMessage;
import dev.connectorengine.api.kafka.OutboundMessages;
import dev.connectorengine.api.usage.UsageLimits;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triggers a connector for every item of a batch in one transaction: the connector is read once,
 * every item checked before anything is written, the keys looked up in one query, the new rows
 * written in one statement, and their jobs published together once that commits. A key seen before
 * answers its execution, as the single trigger does; a key of another connector's execution, or
 * seen with another input or flowRunId, refuses the whole batch; an expired key makes a new one.
 */
@Service
class BatchTrigger {

  private final ConnectorLookup connectors;
  private final ExecutionBatchRepository executions;
  private final ApplicationEventPublisher events;
  private final BatchItemsCheck check = new BatchItemsCheck();
  private final ExecutionSettings settings;
  private final Clock clock;
  private final UsageLimits usageLimits;

  BatchTrigger(
      ConnectorLookup connectors,
      ExecutionBatchRepository executions,
      ApplicationEventPublisher events,
      ExecutionSettings settings,
      Clock clock,
      UsageLimits usageLimits) {
    this.usageLimits = usageLimits;
    this.connectors = connectors;
    this.executions = executions;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
  }

  @Transactional
  BatchTriggerResponse trigger(ApiPrincipal caller, UUID connectorId, List<TriggerItem> items) {
    caller.requireMayTrigger(connectorId);
    UUID workspaceId = caller.workspaceId();
    CurrentConnector connector =
        connectors
            .current(workspaceId, connectorId)
            .orElseThrow(() -> ApiException.notFound("connector " + connectorId));
    if (!connector.enabled()) {
      throw new ApiException(
          HttpStatus.CONFLICT, "connector " + connectorId + " is disabled: enable it to run it");
    }
    check.requireValid(connector.spec().inputSchema(), items);

    byte[][] hashes = new byte[items.size()][];
    for (int i = 0; i < items.size(); i++) {
      TriggerItem item = items.get(i);
      if (item.idempotencyKey() != null) {
        hashes[i] = RequestHash.of(connectorId, item.inputOrEmpty(), item.flowRunId(), null);
      }
    }
    List<String> keys =
        items.stream().map(TriggerItem::idempotencyKey).filter(Objects::nonNull).toList();
    Instant expiredBefore = clock.instant().minus(settings.idempotencyKeyTtl());
    Map<String, KeyedExecution> seen = new HashMap<>();
    List<String> expired = new ArrayList<>();
    executions
        .findByKeys(workspaceId, keys)
        .forEach(
            (key, holder) -> {
              if (holder.expired(expiredBefore)) {
                expired.add(key);
              } else {
                seen.put(key, holder);
              }
            });
    requireSameRequests(items, hashes, seen, connectorId);
    if (!expired.isEmpty()) {
      executions.releaseExpiredKeys(workspaceId, expired, expiredBefore);
    }

    // The row each new item would write; null for an item whose key answers an execution.
    PendingRow[] rowOf = new PendingRow[items.size()];
    List<PendingRow> rows = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      TriggerItem item = items.get(i);
      if (!seen.containsKey(item.idempotencyKey())) {
        rowOf[i] =
            new PendingRow(
                UUID.randomUUID(),
                item.inputOrEmpty(),
                item.flowRunId(),
                item.idempotencyKey(),
                hashes[i]);
        rows.add(rowOf[i]);
      }
    }
    Set<UUID> inserted =
        rows.isEmpty() ? Set.of() : executions.insertPending(batch(workspaceId, connector, rows));
    usageLimits.charge(caller, inserted.size());
    List<String> raced =
        rows.stream()
            .filter(r -> !inserted.contains(r.id()))
            .map(PendingRow::idempotencyKey)
            .toList();
    if (!raced.isEmpty()) {
      // Other requests committed these keys between our look-up and our insert.
      Map<String, KeyedExecution> late = executions.findByKeys(workspaceId, raced);
      if (!late.keySet().containsAll(raced)) {
        throw new IllegalStateException(
            "a batch row was not inserted, yet no execution has its key");
      }
      requireSameRequests(items, hashes, late, connectorId);
      seen.putAll(late);
    }
    publishJobs(workspaceId, connectorId, rows, inserted);
    return answer(items, rowOf, seen);
  }

  private static PendingBatch batch(
      UUID workspaceId, CurrentConnector connector, List<PendingRow> rows) {
    List<StepRecord> steps =
        connector.spec().steps().stream().map(s -> StepRecord.pending(s.id(), s.name())).toList();
    return new PendingBatch(
        workspaceId,
        connector.id(),
        connector.version(),
        steps,
        connector.spec().timeoutMs(),
        rows);
  }

  /** Refuses the batch when a key seen before names another connector's run or another request. */
  private static void requireSameRequests(
      List<TriggerItem> items,
      byte[][] hashes,
      Map<String, KeyedExecution> seen,
      UUID connectorId) {
    List<SpecViolation> conflicts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      KeyedExecution earlier = seen.get(items.get(i).idempotencyKey());
      if (earlier == null) {
        continue;
      }
      String field = "items[" + i + "].idempotencyKey";
      if (!earlier.connectorId().equals(connectorId)) {
        conflicts.add(
            new SpecViolation(
                field,
                "already used for execution "
                    + earlier.id()
                    + " of connector "
                    + earlier.connectorId()));
      } else if (earlier.requestHash() != null
          && !Arrays.equals(earlier.requestHash(), hashes[i])) {
        conflicts.add(
            new SpecViolation(
                field,
                "key '"
                    + items.get(i).idempotencyKey()
                    + "' already used for execution "
                    + earlier.id()
                    + " with another input or flowRunId"));
      }
    }
    if (!conflicts.isEmpty()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "idempotency keys of this batch were already used for another connector or request;"
              + " nothing was written",
          conflicts);
    }
  }

  private void publishJobs(
      UUID workspaceId, UUID connectorId, List<PendingRow> rows, Set<UUID> inserted) {
    Instant now = clock.instant();
    List<OutboundMessage> jobs =
        rows.stream()
            .filter(r -> inserted.contains(r.id()))
            .map(
                r ->
                    new OutboundMessage(
                        Topics.EXECUTIONS,
                        r.id().toString(),
                        new ExecutionJob(r.id(), workspaceId, connectorId, 0, now, Map.of())))
            .toList();
    if (!jobs.isEmpty()) {
      events.publishEvent(new OutboundMessages(jobs));
    }
  }

  private static BatchTriggerResponse answer(
      List<TriggerItem> items, PendingRow[] rowOf, Map<String, KeyedExecution> seen) {
    List<TriggeredItem> answers = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      KeyedExecution earlier = seen.get(items.get(i).idempotencyKey());
      answers.add(
          earlier != null
              ? new TriggeredItem(earlier.id(), earlier.status(), true)
              : new TriggeredItem(rowOf[i].id(), ExecutionStatus.PENDING, false));
    }
    return new BatchTriggerResponse(answers);
  }
}

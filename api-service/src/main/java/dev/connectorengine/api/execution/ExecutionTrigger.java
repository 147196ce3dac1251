package dev.connectorengine.api.execution;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.connector.ConnectorLookup;
import dev.connectorengine.api.connector.ConnectorLookup.CurrentConnector;
import dev.connectorengine.api.execution.ExecutionRepository.KeyHolder;
import dev.connectorengine.api.kafka.OutboundMessage;
import dev.connectorengine.api.usage.UsageLimits;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.api.webhook.WebhookUrlRules;
import dev.connectorengine.model.connector.InputValidator;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.execution.ReplaySteps;
import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Triggers a connector: writes the pending execution and, once that commits, its job. The same
 * idempotency key in a workspace yields the same execution, even when requests race, as long as it
 * comes with the same request (else 409) and has not expired (then it makes a new one). A key
 * limited to other connectors is refused before anything is read.
 */
@Service
class ExecutionTrigger {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final ConnectorLookup connectors;
  private final ExecutionRepository executions;
  private final ApplicationEventPublisher events;
  private final InputValidator inputValidator = new InputValidator();
  private final ExecutionSettings settings;
  private final WebhookUrlRules urlRules;
  private final Clock clock;
  private final UsageLimits usageLimits;

  ExecutionTrigger(
      ConnectorLookup connectors,
      ExecutionRepository executions,
      ApplicationEventPublisher events,
      ExecutionSettings settings,
      WebhookUrlRules urlRules,
      Clock clock,
      UsageLimits usageLimits) {
    this.usageLimits = usageLimits;
    this.connectors = connectors;
    this.urlRules = urlRules;
    this.executions = executions;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
  }

  @Transactional
  Triggered trigger(
      ApiPrincipal caller, UUID connectorId, TriggerRequest request, String idempotencyKey) {
    caller.requireMayTrigger(connectorId);
    requireWellFormedKey(idempotencyKey);
    UUID workspaceId = caller.workspaceId();
    JsonNode input =
        request.input() == null || request.input().isNull()
            ? JsonNodeFactory.instance.objectNode()
            : request.input();
    byte[] hash = null;
    Instant expiredBefore = clock.instant().minus(settings.idempotencyKeyTtl());
    boolean expiredHolder = false;
    if (idempotencyKey != null) {
      hash = RequestHash.of(connectorId, input, request.flowRunId(), request.callbackUrl());
      Optional<KeyHolder> earlier = executions.findByIdempotencyKey(workspaceId, idempotencyKey);
      if (earlier.isPresent() && !earlier.get().expired(expiredBefore)) {
        return replay(earlier.get(), idempotencyKey, connectorId, hash);
      }
      // Only a holder seen here can be expired: one committed meanwhile is new.
      expiredHolder = earlier.isPresent();
    }
    CurrentConnector connector =
        connectors
            .current(workspaceId, connectorId)
            .orElseThrow(() -> ApiException.notFound("connector " + connectorId));
    if (!connector.enabled()) {
      throw new ApiException(
          HttpStatus.CONFLICT, "connector " + connectorId + " is disabled: enable it to run it");
    }
    requireValid(connector, request, input);

    if (expiredHolder) {
      executions.releaseExpiredKey(workspaceId, idempotencyKey, expiredBefore);
    }
    UUID id = UUID.randomUUID();
    Optional<ExecutionResponse> inserted =
        executions.insertPending(
            new ExecutionRepository.NewExecution(
                id,
                workspaceId,
                connectorId,
                connector.version(),
                ReplaySteps.fromStart(connector.spec().steps()),
                input,
                connector.spec().timeoutMs(),
                request.flowRunId(),
                idempotencyKey,
                request.callbackUrl(),
                null,
                hash));
    if (inserted.isEmpty()) {
      // Another request with this key committed between our look-up and our insert.
      return replay(
          executions.findByIdempotencyKey(workspaceId, idempotencyKey).orElseThrow(),
          idempotencyKey,
          connectorId,
          hash);
    }
    usageLimits.charge(caller, 1);
    events.publishEvent(
        new OutboundMessage(
            Topics.EXECUTIONS,
            id.toString(),
            new ExecutionJob(id, workspaceId, connectorId, 0, clock.instant(), Map.of())));
    return new Triggered(inserted.get(), true);
  }

  /** The execution of a key seen before, if this request is the one that made it. */
  private static Triggered replay(
      KeyHolder earlier, String key, UUID connectorId, byte[] requestHash) {
    ExecutionResponse execution = earlier.execution();
    if (!execution.connectorId().equals(connectorId)) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "this Idempotency-Key was already used for another connector",
          List.of(
              new SpecViolation(
                  IDEMPOTENCY_KEY,
                  "already used for execution "
                      + execution.id()
                      + " of connector "
                      + execution.connectorId())));
    }
    if (earlier.requestHash() != null && !Arrays.equals(earlier.requestHash(), requestHash)) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "Idempotency-Key '"
              + key
              + "' was already used with another request: the same key must come with the same"
              + " input, flowRunId and callbackUrl, or use a new key",
          List.of(
              new SpecViolation(
                  IDEMPOTENCY_KEY,
                  "already used for execution "
                      + execution.id()
                      + " with another input, flowRunId or callbackUrl")));
    }
    return new Triggered(execution, false);
  }

  private void requireValid(CurrentConnector connector, TriggerRequest request, JsonNode input) {
    List<SpecViolation> violations =
        new ArrayList<>(inputValidator.validate(connector.spec().inputSchema(), input));
    String flowRunIdProblem = TriggerRules.flowRunIdProblem(request.flowRunId());
    if (flowRunIdProblem != null) {
      violations.add(new SpecViolation("flowRunId", flowRunIdProblem));
    }
    if (request.callbackUrl() != null) {
      urlRules.problem("callbackUrl", request.callbackUrl()).ifPresent(violations::add);
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the input does not satisfy the connector", violations);
    }
  }

  private static void requireWellFormedKey(String key) {
    String problem = TriggerRules.keyProblem(key);
    if (problem != null) {
      throw ApiException.badRequest(IDEMPOTENCY_KEY, problem);
    }
  }

  /**
   * The outcome of a trigger.
   *
   * @param created false when an earlier request with the same key made it
   */
  record Triggered(ExecutionResponse execution, boolean created) {}
}

package dev.connectorengine.api.execution;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.connector.ConnectorLookup;
import dev.connectorengine.api.connector.ConnectorLookup.CurrentConnector;
import dev.connectorengine.api.execution.ReplayableExecutions.Replayable;
import dev.connectorengine.api.kafka.OutboundMessage;
import dev.connectorengine.api.usage.UsageLimits;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.SpecViolation;
import dev.connectorengine.model.execution.ReplayRefusedException;
import dev.connectorengine.model.execution.ReplaySteps;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.messaging.ExecutionJob;
import dev.connectorengine.model.messaging.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replays a finished execution as a new one, published like a trigger: the same input, flow run id
 * and callback URL, {@code retryOf} naming the old one. From the failed step, the new execution's
 * step records start with the old run's successful ones (marked reused), and the worker resumes
 * after them, so their targets are not called again.
 */
@Service
class ExecutionReplayer {

  private final ConnectorLookup connectors;
  private final ExecutionRepository executions;
  private final ReplayableExecutions replayable;
  private final ApplicationEventPublisher events;
  private final AuditLog audit;
  private final Clock clock;
  private final UsageLimits usageLimits;

  ExecutionReplayer(
      ConnectorLookup connectors,
      ExecutionRepository executions,
      ReplayableExecutions replayable,
      ApplicationEventPublisher events,
      AuditLog audit,
      Clock clock,
      UsageLimits usageLimits) {
    this.usageLimits = usageLimits;
    this.connectors = connectors;
    this.executions = executions;
    this.replayable = replayable;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  ExecutionResponse retry(ApiPrincipal caller, UUID id, RetryRequest request) {
    RetryRequest.Plan plan = request.plan();
    UUID workspaceId = caller.workspaceId();
    Replayable earlier =
        replayable
            .findReplayable(workspaceId, id)
            .orElseThrow(() -> ApiException.notFound("execution " + id));
    if (!earlier.status().isTerminal()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "execution "
              + id
              + " has not ended ("
              + earlier.status().wireName()
              + "): only a finished run can be replayed");
    }
    UUID connectorId = earlier.connectorId();
    caller.requireMayTrigger(connectorId);
    CurrentConnector connector =
        connectors
            .current(workspaceId, connectorId)
            .orElseThrow(
                () ->
                    new ApiException(
                        HttpStatus.CONFLICT,
                        "connector " + connectorId + " of execution " + id + " was deleted"));
    if (!connector.enabled()) {
      throw new ApiException(
          HttpStatus.CONFLICT, "connector " + connectorId + " is disabled: enable it to run it");
    }
    ConnectorSpec ran =
        connectors
            .version(workspaceId, connectorId, earlier.connectorVersion())
            .orElseThrow(
                () -> new IllegalStateException("execution " + id + " names a missing version"));
    int version = plan.currentVersion() ? connector.version() : earlier.connectorVersion();
    ConnectorSpec spec = plan.currentVersion() ? connector.spec() : ran;

    UUID replayId = UUID.randomUUID();
    ExecutionResponse replay =
        executions
            .insertPending(
                new ExecutionRepository.NewExecution(
                    replayId,
                    workspaceId,
                    connectorId,
                    version,
                    steps(plan, earlier, ran, spec),
                    earlier.input(),
                    spec.timeoutMs(),
                    earlier.flowRunId(),
                    null,
                    earlier.callbackUrl(),
                    id,
                    null))
            .orElseThrow();
    usageLimits.charge(caller, 1);
    events.publishEvent(
        new OutboundMessage(
            Topics.EXECUTIONS,
            replayId.toString(),
            new ExecutionJob(replayId, workspaceId, connectorId, 0, clock.instant(), Map.of())));
    audit.record(
        caller,
        AuditAction.EXECUTION_RETRIED,
        replayId,
        Map.of(
            "retryOf", id.toString(),
            "connectorId", connectorId.toString(),
            "from", plan.fromName(),
            "version", plan.versionName()));
    return replay;
  }

  private static List<StepRecord> steps(
      RetryRequest.Plan plan, Replayable earlier, ConnectorSpec ran, ConnectorSpec spec) {
    if (!plan.fromFailedStep()) {
      return ReplaySteps.fromStart(spec.steps());
    }
    try {
      return ReplaySteps.fromFailedStep(earlier.steps(), ran.steps(), spec.steps());
    } catch (ReplayRefusedException e) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "execution "
              + earlier.id()
              + " cannot be replayed from the failed step: "
              + e.getMessage(),
          List.of(new SpecViolation("from", e.getMessage())));
    }
  }
}

package dev.connectorengine.api.execution;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.IllegalStatusTransitionException;
import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.execution.StepStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels an execution: a pending one at once, a running one by asking its worker (which watches
 * {@code cancel_requested_at}), a finished one not at all (409). Either cancel is audited. The
 * database writes the "cancelled" status event to its outbox in the same transaction, for the
 * workers to relay.
 */
@Service
class ExecutionCanceller {

  // A status read can be stale by the time of the guarded update; a few rereads settle it.
  private static final int ATTEMPTS = 3;

  private final ExecutionRepository executions;
  private final AuditLog audit;

  ExecutionCanceller(ExecutionRepository executions, AuditLog audit) {
    this.executions = executions;
    this.audit = audit;
  }

  @Transactional
  ExecutionResponse cancel(ApiPrincipal caller, UUID id) {
    UUID workspaceId = caller.workspaceId();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ExecutionResponse execution =
          executions
              .find(workspaceId, id)
              .orElseThrow(() -> ApiException.notFound("execution " + id));
      ExecutionStatus status = execution.status();
      try {
        status.transitionTo(ExecutionStatus.CANCELLED);
      } catch (IllegalStatusTransitionException e) {
        throw new ApiException(
            HttpStatus.CONFLICT, "execution " + id + " has already ended: " + status.wireName());
      }
      boolean changed =
          status == ExecutionStatus.PENDING
              ? executions.cancelPending(workspaceId, id, skipped(execution.steps()))
              : executions.requestCancel(workspaceId, id);
      if (changed) {
        audit.record(
            caller,
            status == ExecutionStatus.PENDING
                ? AuditAction.EXECUTION_CANCELLED
                : AuditAction.EXECUTION_CANCEL_REQUESTED,
            id,
            Map.of("connectorId", execution.connectorId().toString(), "from", status.wireName()));
        return executions.find(workspaceId, id).orElseThrow();
      }
    }
    throw new ApiException(
        HttpStatus.CONFLICT, "execution " + id + " changed status meanwhile; try again");
  }

  private static List<StepRecord> skipped(List<StepRecord> steps) {
    return steps.stream()
        .map(s -> s.status() == StepStatus.PENDING ? s.skipped("execution cancelled") : s)
        .toList();
  }
}

package dev.connectorengine.api.execution;

import dev.connectorengine.api.execution.ExecutionWaiters.Waiter;
import dev.connectorengine.api.tenancy.CurrentWorkspace;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers a trigger or retry that asked to wait ({@code ?wait=}): 200 with the finished execution
 * if it ends within the wait, else 202 with it as it is then. The request thread is let go at once
 * (Spring MVC async); a virtual thread sleeps until the run's end event wakes it or the wait is
 * over, then reads the execution once. The waiter is registered before the row is read the first
 * time, so an end between the two is not missed.
 */
@Component
class ResultWait {

  // The container's own timeout is a safety net only: the virtual thread answers first.
  private static final long GRACE_MS = 5_000;

  private final ExecutionWaiters waiters;
  private final ExecutionQueries queries;
  private final CurrentWorkspace workspace;

  ResultWait(ExecutionWaiters waiters, ExecutionQueries queries, CurrentWorkspace workspace) {
    this.waiters = waiters;
    this.queries = queries;
    this.workspace = workspace;
  }

  /**
   * The answer to a call that made or found {@code execution}: a {@link ResponseEntity}, or a
   * {@link DeferredResult} of one when it waits.
   *
   * @param wait how long to wait for the end; null answers 202 at once, as without waiting
   * @param headers further headers of the answer
   */
  /**
   * The answer to a trigger: as {@link #answer(UUID, ExecutionResponse, Duration, HttpHeaders)},
   * marked {@code Idempotent-Replayed: true} when an earlier request with its key made the run.
   */
  Object answer(UUID workspaceId, ExecutionTrigger.Triggered triggered, Duration wait) {
    HttpHeaders headers = new HttpHeaders();
    if (!triggered.created()) {
      headers.add("Idempotent-Replayed", "true");
    }
    return answer(workspaceId, triggered.execution(), wait, headers);
  }

  Object answer(UUID workspaceId, ExecutionResponse execution, Duration wait, HttpHeaders headers) {
    if (wait == null) {
      return respond(HttpStatus.ACCEPTED, execution, headers);
    }
    if (execution.status().isTerminal() || wait.isZero()) {
      return respond(execution, headers);
    }
    Optional<Waiter> registered = waiters.register(execution.id());
    if (registered.isEmpty()) {
      return respond(execution, headers);
    }
    Waiter waiter = registered.get();
    ExecutionResponse now;
    try {
      now = queries.get(workspaceId, execution.id());
    } catch (RuntimeException e) {
      waiter.close();
      throw e;
    }
    if (now.status().isTerminal()) {
      waiter.close();
      return respond(now, headers);
    }
    DeferredResult<ResponseEntity<ExecutionResponse>> result =
        new DeferredResult<>(wait.toMillis() + GRACE_MS);
    result.onTimeout(() -> result.setResult(respond(now, headers)));
    result.onCompletion(waiter::close); // the client left, or it was answered
    Thread.ofVirtual()
        .name("wait-" + execution.id())
        .start(() -> settle(workspaceId, execution.id(), waiter, wait, result, headers));
    return result;
  }

  private void settle(
      UUID workspaceId,
      UUID id,
      Waiter waiter,
      Duration wait,
      DeferredResult<ResponseEntity<ExecutionResponse>> result,
      HttpHeaders headers) {
    try {
      waiter.await(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiter.close();
    }
    if (result.isSetOrExpired()) {
      return;
    }
    workspace.set(workspaceId);
    try {
      result.setResult(respond(queries.get(workspaceId, id), headers));
    } catch (RuntimeException e) {
      result.setErrorResult(e);
    } finally {
      workspace.clear();
    }
  }

  private static ResponseEntity<ExecutionResponse> respond(
      ExecutionResponse execution, HttpHeaders headers) {
    return respond(
        execution.status().isTerminal() ? HttpStatus.OK : HttpStatus.ACCEPTED, execution, headers);
  }

  private static ResponseEntity<ExecutionResponse> respond(
      HttpStatus status, ExecutionResponse execution, HttpHeaders headers) {
    return ResponseEntity.status(status)
        .location(URI.create("/api/v1/executions/" + execution.id()))
        .headers(headers)
        .body(execution);
  }
}

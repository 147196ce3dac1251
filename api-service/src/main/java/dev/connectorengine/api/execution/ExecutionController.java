package dev.connectorengine.api.execution;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.json.JsonMapper;

/** Triggering, reading, listing and cancelling the executions of the caller's workspace. */
@RestController
class ExecutionController {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final ExecutionTrigger trigger;
  private final ExecutionQueries queries;
  private final ExecutionCanceller canceller;
  private final JsonMapper json;

  ExecutionController(
      ExecutionTrigger trigger,
      ExecutionQueries queries,
      ExecutionCanceller canceller,
      JsonMapper json) {
    this.trigger = trigger;
    this.queries = queries;
    this.canceller = canceller;
    this.json = json;
  }

  @PostMapping("/api/v1/connectors/{connectorId}/executions")
  @RequiresScope(Scope.EXECUTE)
  ResponseEntity<ExecutionResponse> trigger(
      ApiPrincipal caller,
      @PathVariable UUID connectorId,
      @RequestHeader(name = ExecutionTrigger.IDEMPOTENCY_KEY, required = false)
          String idempotencyKey,
      @RequestBody(required = false) TriggerRequest request) {
    ExecutionTrigger.Triggered triggered =
        trigger.trigger(
            caller.workspaceId(),
            connectorId,
            request == null ? TriggerRequest.EMPTY : request,
            idempotencyKey);
    ExecutionResponse execution = triggered.execution();
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.status(HttpStatus.ACCEPTED)
            .location(URI.create("/api/v1/executions/" + execution.id()));
    if (!triggered.created()) {
      answer.header("Idempotent-Replayed", "true");
    }
    return answer.body(execution);
  }

  @GetMapping("/api/v1/executions/{id}")
  @RequiresScope(Scope.READ)
  ResponseEntity<ExecutionResponse> get(
      ApiPrincipal caller, @PathVariable UUID id, WebRequest request) {
    ExecutionResponse execution = queries.get(caller.workspaceId(), id);
    String etag = ExecutionETag.of(json.writeValueAsBytes(execution));
    if (request.checkNotModified(etag)) {
      return null; // 304 with the ETag, already written
    }
    return ResponseEntity.ok().eTag(etag).body(execution);
  }

  @GetMapping("/api/v1/executions")
  @RequiresScope(Scope.READ)
  Page<ExecutionResponse> list(
      ApiPrincipal caller,
      @RequestParam(required = false) UUID connectorId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return queries.list(
        caller.workspaceId(),
        connectorId,
        status,
        KeysetCursor.decode(cursor),
        KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  @PostMapping("/api/v1/executions/{id}/cancel")
  @RequiresScope(Scope.EXECUTE)
  ResponseEntity<ExecutionResponse> cancel(ApiPrincipal caller, @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(canceller.cancel(caller, id));
  }
}

package dev.connectorengine.api.execution;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.execution.BatchTriggerRequest.TriggerItem;
import dev.connectorengine.api.ratelimit.RequestBudget;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triggers one connector for up to 1,000 items at once. The rate limit counts the call as one
 * request per 100 items: the interceptor took one before the body was read, the rest is taken here,
 * once the size is known and before any work is done.
 */
@RestController
@Tag(name = "Executions")
class BatchTriggerController {

  private final BatchTrigger batches;
  private final RequestBudget budget;

  BatchTriggerController(BatchTrigger batches, RequestBudget budget) {
    this.batches = batches;
    this.budget = budget;
  }

  @PostMapping("/api/v1/connectors/{connectorId}/executions/batch")
  @RequiresScope(Scope.EXECUTE)
  @Operation(
      operationId = "triggerExecutionBatch",
      summary = "Trigger a connector for many inputs at once",
      description =
          "1 to 1,000 items, all checked before anything is written; counts as one request"
              + " per 100 items against the rate limit.")
  @ApiResponse(responseCode = "202", description = "accepted: one entry per item, in order")
  @ApiResponse(
      responseCode = "403",
      description =
          "the API key lacks `execute`, or is limited to other connectors (`connectorId` names"
              + " the connector)")
  @ApiResponse(responseCode = "404", description = "no such connector in this workspace")
  @ApiResponse(
      responseCode = "409",
      description = "the connector is disabled, or a key was used for another connector")
  @ApiResponse(
      responseCode = "422",
      description = "no items, too many, or invalid ones; `errors` names `items[i].field`")
  ResponseEntity<BatchTriggerResponse> trigger(
      ApiPrincipal caller,
      @PathVariable UUID connectorId,
      @RequestBody(required = false) BatchTriggerRequest request,
      HttpServletResponse response) {
    List<TriggerItem> items = BatchLimits.require(request, budget.mostRequestsPerCall());
    budget.chargeAs(caller, BatchLimits.requests(items.size()), response);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(batches.trigger(caller, connectorId, items));
  }
}

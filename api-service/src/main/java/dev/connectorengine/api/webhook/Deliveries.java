package dev.connectorengine.api.webhook;

import dev.connectorengine.api.audit.AuditAction;
import dev.connectorengine.api.audit.AuditLog;
import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.web.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Shows a run's webhook deliveries and sends one again. */
@Service
class Deliveries {

  private final DeliveryRepository deliveries;
  private final AuditLog audit;
  private final Clock clock;

  Deliveries(DeliveryRepository deliveries, AuditLog audit, Clock clock) {
    this.deliveries = deliveries;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  List<DeliveryView> ofExecution(UUID workspaceId, UUID executionId) {
    if (!deliveries.executionExists(workspaceId, executionId)) {
      throw ApiException.notFound("execution " + executionId);
    }
    return deliveries.ofExecution(workspaceId, executionId);
  }

  @Transactional
  void redeliver(ApiPrincipal caller, UUID id) {
    UUID workspaceId = caller.workspaceId();
    if (!deliveries.redeliver(workspaceId, id, clock.instant())) {
      if (!deliveries.exists(workspaceId, id)) {
        throw ApiException.notFound("delivery " + id);
      }
      throw new ApiException(
          HttpStatus.CONFLICT, "delivery " + id + " is being sent right now; try again shortly");
    }
    audit.record(caller, AuditAction.WEBHOOK_DELIVERY_REDELIVERED, id, Map.of());
  }
}

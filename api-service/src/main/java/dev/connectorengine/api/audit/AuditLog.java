package dev.connectorengine.api.audit;

import dev.connectorengine.api.auth.ApiPrincipal;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records who changed what. A row is written in the transaction of the change it records (a call
 * outside one fails), so a change without its row, or a row without its change, cannot commit.
 * Details carry names, types and versions: never a secret value or a spec.
 */
@Component
public class AuditLog {

  private final AuditLogRepository rows;

  AuditLog(AuditLogRepository rows) {
    this.rows = rows;
  }

  /** A change made with an API key. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(
      ApiPrincipal actor, AuditAction action, Object resourceId, Map<String, ?> details) {
    rows.insert(actor.workspaceId(), actor.keyId(), action, resourceId.toString(), details);
  }

  /** A change made with the admin token, which has no key id. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordByAdmin(
      UUID workspaceId, AuditAction action, Object resourceId, Map<String, ?> details) {
    rows.insert(workspaceId, null, action, resourceId.toString(), details);
  }
}

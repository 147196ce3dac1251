package dev.connectorengine.api.audit;

/** What a row of the audit log records, and the kind of resource it touched. */
public enum AuditAction {
  API_KEY_CREATED("api_key.created", "api_key"),
  API_KEY_REVOKED("api_key.revoked", "api_key"),
  /** A key's run limits set by an admin; details hold the new ones (null: none). */
  API_KEY_LIMITS_UPDATED("api_key.limits_updated", "api_key"),
  /** A workspace's name or settings changed by an admin; details hold the new ones. */
  WORKSPACE_UPDATED("workspace.updated", "workspace"),
  /** A workspace deleted by an admin: marked, its keys revoked, its rows left to be purged. */
  WORKSPACE_DELETED("workspace.deleted", "workspace"),
  /**
   * Written by a worker (no key: the system) when a deleted workspace's rows are all gone; details
   * hold the rows deleted per table. With the workspace's tombstone row, all that is left of it.
   */
  WORKSPACE_PURGED("workspace.purged", "workspace"),
  CONNECTOR_CREATED("connector.created", "connector"),
  CONNECTOR_UPDATED("connector.updated", "connector"),
  CONNECTOR_DELETED("connector.deleted", "connector"),
  CREDENTIAL_CREATED("credential.created", "credential"),
  CREDENTIAL_REPLACED("credential.replaced", "credential"),
  /** A credential's display name or status changed (PATCH); details name the new ones. */
  CREDENTIAL_UPDATED("credential.updated", "credential"),
  CREDENTIAL_DELETED("credential.deleted", "credential"),
  /** A credential checked against a URL; details name the outcome, never a secret. */
  CREDENTIAL_TESTED("credential.tested", "credential"),
  /** A pending execution, cancelled at once. */
  EXECUTION_CANCELLED("execution.cancelled", "execution"),
  /** A running execution, whose worker was asked to stop it. */
  EXECUTION_CANCEL_REQUESTED("execution.cancel_requested", "execution"),
  WEBHOOK_ENDPOINT_CREATED("webhook_endpoint.created", "webhook_endpoint"),
  WEBHOOK_ENDPOINT_UPDATED("webhook_endpoint.updated", "webhook_endpoint"),
  WEBHOOK_ENDPOINT_DELETED("webhook_endpoint.deleted", "webhook_endpoint"),
  /** The workspace's webhook signing secret replaced; details never hold a secret. */
  WEBHOOK_SECRET_ROTATED("webhook_secret.rotated", "webhook_secret"),
  /** A webhook delivery sent again from its first attempt. */
  WEBHOOK_DELIVERY_REDELIVERED("webhook_delivery.redelivered", "webhook_delivery"),
  /** A finished execution, replayed as a new one (the resource); details name the old one. */
  EXECUTION_RETRIED("execution.retried", "execution"),
  /** A connector published as a community template (the resource); details name the connector. */
  TEMPLATE_PUBLISHED("template.published", "template"),
  TEMPLATE_UPDATED("template.updated", "template"),
  TEMPLATE_UNPUBLISHED("template.unpublished", "template"),
  /** The workspace's rating of a template, given or changed. */
  TEMPLATE_RATED("template.rated", "template"),
  INTEGRATION_CREATED("integration.created", "integration"),
  /** An integration replaced (PUT); its actions now call its new base URL and credential. */
  INTEGRATION_UPDATED("integration.updated", "integration"),
  /** An integration deleted, its actions with it. */
  INTEGRATION_DELETED("integration.deleted", "integration"),
  INTEGRATION_ACTION_CREATED("integration_action.created", "integration_action"),
  /** An action replaced; details name its new version. */
  INTEGRATION_ACTION_UPDATED("integration_action.updated", "integration_action"),
  INTEGRATION_ACTION_DELETED("integration_action.deleted", "integration_action");

  private final String wireName;
  private final String resourceType;

  AuditAction(String wireName, String resourceType) {
    this.wireName = wireName;
    this.resourceType = resourceType;
  }

  /** {@code connector.created}, as the log stores it. */
  public String wireName() {
    return wireName;
  }

  /**
   * {@code connector}, {@code credential}, {@code api_key}, {@code execution}, {@code webhook_...}.
   */
  public String resourceType() {
    return resourceType;
  }
}

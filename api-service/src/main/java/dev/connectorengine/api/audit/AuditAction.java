package dev.connectorengine.api.audit;

/** What a row of the audit log records, and the kind of resource it touched. */
public enum AuditAction {
  API_KEY_CREATED("api_key.created", "api_key"),
  API_KEY_REVOKED("api_key.revoked", "api_key"),
  CONNECTOR_CREATED("connector.created", "connector"),
  CONNECTOR_UPDATED("connector.updated", "connector"),
  CONNECTOR_DELETED("connector.deleted", "connector"),
  CREDENTIAL_CREATED("credential.created", "credential"),
  CREDENTIAL_REPLACED("credential.replaced", "credential"),
  CREDENTIAL_DELETED("credential.deleted", "credential"),
  /** A credential checked against a URL; details name the outcome, never a secret. */
  CREDENTIAL_TESTED("credential.tested", "credential"),
  /** A pending execution, cancelled at once. */
  EXECUTION_CANCELLED("execution.cancelled", "execution"),
  /** A running execution, whose worker was asked to stop it. */
  EXECUTION_CANCEL_REQUESTED("execution.cancel_requested", "execution"),
  /** A finished execution, replayed as a new one (the resource); details name the old one. */
  EXECUTION_RETRIED("execution.retried", "execution");

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

  /** {@code connector}, {@code credential}, {@code api_key} or {@code execution}. */
  public String resourceType() {
    return resourceType;
  }
}

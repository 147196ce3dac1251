package dev.connectorengine.model.integration;

import java.util.UUID;

/**
 * An action as a connector step or an invocation uses it: the action with what it needs of its
 * integration.
 *
 * @param integrationId the integration's id
 * @param integration the integration's slug
 * @param baseUrl the integration's base URL, which the action's endpoint is relative to
 * @param credential the service name of the workspace credential the integration authenticates
 *     with, or null for none
 * @param integrationStatus draft, active, error or disabled
 * @param actionId the action's id
 * @param action the action's slug
 * @param version the action's version: 1 when created, one more on every change
 * @param spec what the action does
 */
public record ActionDefinition(
    UUID integrationId,
    String integration,
    String baseUrl,
    String credential,
    String integrationStatus,
    UUID actionId,
    String action,
    int version,
    ActionSpec spec) {

  /** {@code integration.action}, as a step names it. */
  public String reference() {
    return integration + "." + action;
  }
}

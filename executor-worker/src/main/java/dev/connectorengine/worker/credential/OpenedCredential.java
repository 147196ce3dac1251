package dev.connectorengine.worker.credential;

import dev.connectorengine.model.credential.CredentialType;
import java.util.Map;
import java.util.UUID;

/**
 * A usable credential of a run, opened. Holds secrets: never log it.
 *
 * @param id the row's id
 * @param service the service name
 * @param type how it authenticates
 * @param values the opened values
 */
public record OpenedCredential(
    UUID id, String service, CredentialType type, Map<String, String> values) {

  public OpenedCredential {
    values = Map.copyOf(values);
  }

  @Override
  public String toString() {
    return "OpenedCredential[" + service + ", " + type.wireName() + "]";
  }
}

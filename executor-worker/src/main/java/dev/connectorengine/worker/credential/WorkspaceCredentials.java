package dev.connectorengine.worker.credential;

import dev.connectorengine.model.credential.CredentialPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The opened credentials of one workspace that a run refers to, why any other it refers to cannot
 * be used, and which ones its steps used. Never logged or stored: only {@link #secretValues()}
 * leave it, for redaction, and {@link #usedIds()}, for {@link CredentialUses}.
 */
public final class WorkspaceCredentials {

  private final Map<String, OpenedCredential> usable;
  private final Map<String, String> problems;
  private final Set<UUID> used = ConcurrentHashMap.newKeySet();

  WorkspaceCredentials(Map<String, OpenedCredential> usable, Map<String, String> problems) {
    this.usable = Map.copyOf(usable);
    this.problems = Map.copyOf(problems);
  }

  /** No credentials at all. */
  public static WorkspaceCredentials none() {
    return new WorkspaceCredentials(Map.of(), Map.of());
  }

  /** Why {@code service} cannot be used, naming it but never its values; empty when it can. */
  public Optional<String> problemWith(String service) {
    if (usable.containsKey(service)) {
      return Optional.empty();
    }
    return Optional.of(
        problems.getOrDefault(
            service, "credential '" + service + "' is not set up in this workspace"));
  }

  /** The usable credential of {@code service}, if it is one. */
  public Optional<OpenedCredential> credential(String service) {
    return Optional.ofNullable(usable.get(service));
  }

  /** Notes that a step is about to use the credential of {@code service}, if it is usable. */
  public void markUsed(String service) {
    OpenedCredential credential = usable.get(service);
    if (credential != null) {
      used.add(credential.id());
    }
  }

  /** The ids of the credentials the run's steps used so far. */
  public Set<UUID> usedIds() {
    return Set.copyOf(used);
  }

  /** The {@code credentials} root of a template context: service to value name to value. */
  public ObjectNode asContext() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    usable.forEach(
        (service, credential) -> {
          ObjectNode node = root.putObject(service);
          credential.values().forEach(node::put);
        });
    return root;
  }

  /** Every secret value, and the forms it takes on the wire, for redaction. */
  public List<String> secretValues() {
    List<String> values = new ArrayList<>();
    usable
        .values()
        .forEach(
            credential -> {
              credential
                  .values()
                  .forEach(
                      (name, value) -> {
                        if (CredentialPlacement.isSecret(credential.type(), name)) {
                          values.add(value);
                        }
                      });
              values.addAll(
                  CredentialPlacement.derivedSecrets(credential.type(), credential.values()));
            });
    return values;
  }
}

package dev.connectorengine.worker.credential;

import dev.connectorengine.model.credential.CredentialSealException;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.credential.CredentialType;
import dev.connectorengine.worker.batch.BatchSettings;
import dev.connectorengine.worker.batch.JdbcArrays;
import dev.connectorengine.worker.batch.StatementBatcher;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and opens the credentials of a workspace that a run's templates and steps refer to. The
 * runs that start at about the same time share one query (a {@link StatementBatcher}): thousands of
 * runs starting at once would otherwise queue for the worker's few pooled connections.
 */
@Component
public class CredentialLoader implements AutoCloseable {

  private static final String SELECT =
      """
      SELECT c.workspace_id, c.id, c.service_name, c.type, c.status, c.expires_at, c.sealed_values
      FROM workspace_api_credentials c
      JOIN unnest(CAST(:workspaceIds AS uuid[]), CAST(:services AS text[]))
           AS wanted(workspace_id, service_name)
        ON c.workspace_id = wanted.workspace_id AND c.service_name = wanted.service_name
      """;

  private final JdbcClient jdbc;
  private final CredentialSealer sealer;
  private final Clock clock;
  private final StatementBatcher<Wanted, WorkspaceCredentials> reads;

  CredentialLoader(JdbcClient jdbc, CredentialSealer sealer, Clock clock, BatchSettings settings) {
    this.jdbc = jdbc;
    this.sealer = sealer;
    this.clock = clock;
    this.reads =
        new StatementBatcher<>(
            "credential-reader", settings.size(), settings.threads(), this::read);
  }

  /** Opens the active credentials among {@code services} and notes why others are unusable. */
  public WorkspaceCredentials load(UUID workspaceId, Set<String> services) {
    if (services.isEmpty()) {
      return WorkspaceCredentials.none();
    }
    return reads.call(new Wanted(workspaceId, Set.copyOf(services)));
  }

  private List<WorkspaceCredentials> read(List<Wanted> batch) {
    Set<Key> keys = new LinkedHashSet<>();
    batch.forEach(w -> w.services().forEach(s -> keys.add(new Key(w.workspaceId(), s))));
    Map<Key, Found> found = new HashMap<>();
    Instant now = clock.instant();
    jdbc.sql(SELECT)
        .param("workspaceIds", JdbcArrays.of("uuid", keys.stream().map(Key::workspaceId).toArray()))
        .param("services", JdbcArrays.of("text", keys.stream().map(Key::service).toArray()))
        .query(
            rs -> {
              UUID workspaceId = rs.getObject("workspace_id", UUID.class);
              String service = rs.getString("service_name");
              found.put(
                  new Key(workspaceId, service),
                  open(
                      workspaceId,
                      service,
                      rs.getObject("id", UUID.class),
                      rs.getString("type"),
                      rs.getString("status"),
                      rs.getTimestamp("expires_at"),
                      rs.getBytes("sealed_values"),
                      now));
            });
    List<WorkspaceCredentials> results = new ArrayList<>(batch.size());
    for (Wanted wanted : batch) {
      Map<String, OpenedCredential> usable = new HashMap<>();
      Map<String, String> problems = new HashMap<>();
      for (String service : wanted.services()) {
        Found one = found.get(new Key(wanted.workspaceId(), service));
        if (one == null) {
          continue;
        }
        if (one.credential() != null) {
          usable.put(service, one.credential());
        } else {
          problems.put(service, one.problem());
        }
      }
      results.add(new WorkspaceCredentials(usable, problems));
    }
    return results;
  }

  private Found open(
      UUID workspaceId,
      String service,
      UUID id,
      String type,
      String status,
      Timestamp expiresAt,
      byte[] sealed,
      Instant now) {
    if (!"active".equals(status)) {
      return Found.problem("credential '" + service + "' " + describe(status));
    }
    if (expiresAt != null && !expiresAt.toInstant().isAfter(now)) {
      return Found.problem("credential '" + service + "' expired at " + expiresAt.toInstant());
    }
    try {
      return new Found(
          new OpenedCredential(
              id,
              service,
              CredentialType.fromWireName(type),
              sealer.open(workspaceId, service, sealed)),
          null);
    } catch (CredentialSealException e) {
      return Found.problem(
          "credential '" + service + "' cannot be opened with the configured keyset");
    }
  }

  private static String describe(String status) {
    return switch (status) {
      case "needs_reauth" -> "needs re-authorisation";
      case "expired", "revoked" -> "is " + status;
      default -> "is not active (" + status + ")";
    };
  }

  @Override
  public void close() {
    reads.close();
  }

  /** What one run asks for. */
  private record Wanted(UUID workspaceId, Set<String> services) {}

  private record Key(UUID workspaceId, String service) {}

  /** A credential opened, or why it cannot be used. */
  private record Found(OpenedCredential credential, String problem) {
    static Found problem(String problem) {
      return new Found(null, problem);
    }
  }
}

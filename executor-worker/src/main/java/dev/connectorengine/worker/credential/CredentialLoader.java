package dev.connectorengine.worker.credential;

import dev.connectorengine.model.credential.CredentialSealException;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.credential.CredentialType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and opens the credentials of a workspace that a run's templates refer to. */
@Component
public class CredentialLoader {

  private static final String SELECT =
      """
      SELECT id, service_name, type, status, expires_at, sealed_values
      FROM workspace_api_credentials
      WHERE workspace_id = :workspaceId AND service_name IN (:services)
      """;

  private final JdbcClient jdbc;
  private final CredentialSealer sealer;
  private final Clock clock;

  CredentialLoader(JdbcClient jdbc, CredentialSealer sealer, Clock clock) {
    this.jdbc = jdbc;
    this.sealer = sealer;
    this.clock = clock;
  }

  /** Opens the active credentials among {@code services} and notes why others are unusable. */
  public WorkspaceCredentials load(UUID workspaceId, Set<String> services) {
    if (services.isEmpty()) {
      return WorkspaceCredentials.none();
    }
    Map<String, OpenedCredential> usable = new HashMap<>();
    Map<String, String> problems = new HashMap<>();
    Instant now = clock.instant();
    jdbc.sql(SELECT)
        .param("workspaceId", workspaceId)
        .param("services", services)
        .query(
            rs -> {
              String service = rs.getString("service_name");
              String status = rs.getString("status");
              Timestamp expiresAt = rs.getTimestamp("expires_at");
              if (!"active".equals(status)) {
                problems.put(service, "credential '" + service + "' " + describe(status));
              } else if (expiresAt != null && !expiresAt.toInstant().isAfter(now)) {
                problems.put(
                    service, "credential '" + service + "' expired at " + expiresAt.toInstant());
              } else {
                try {
                  usable.put(
                      service,
                      new OpenedCredential(
                          rs.getObject("id", UUID.class),
                          service,
                          CredentialType.fromWireName(rs.getString("type")),
                          sealer.open(workspaceId, service, rs.getBytes("sealed_values"))));
                } catch (CredentialSealException e) {
                  problems.put(
                      service,
                      "credential '" + service + "' cannot be opened with the configured keyset");
                }
              }
            });
    return new WorkspaceCredentials(usable, problems);
  }

  private static String describe(String status) {
    return switch (status) {
      case "needs_reauth" -> "needs re-authorisation";
      case "expired", "revoked" -> "is " + status;
      default -> "is not active (" + status + ")";
    };
  }
}

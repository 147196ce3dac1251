package dev.connectorengine.api.template;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which credential services a workspace has, by name: what an install may still miss. */
@Repository
class WorkspaceCredentialNames {

  private static final String CREDENTIALS_PRESENT =
      """
      SELECT service_name FROM workspace_api_credentials
       WHERE workspace_id = :workspaceId AND service_name = ANY(CAST(:services AS text[]))
      """;

  private final JdbcClient jdbc;

  WorkspaceCredentialNames(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Those of these services the workspace has a credential for. */
  List<String> credentialsPresent(UUID workspaceId, List<String> services) {
    return jdbc.sql(CREDENTIALS_PRESENT)
        .param("workspaceId", workspaceId)
        .param("services", SqlArrays.text(services))
        .query(String.class)
        .list();
  }
}

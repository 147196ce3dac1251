package dev.connectorengine.credentialscli;

import java.util.Map;

/**
 * Where the credentials live: the apps' variable names and defaults. {@code role} is {@code null}
 * when {@code DATABASE_ROLE} is unset (use {@value #WORKER_ROLE} if it exists), empty when it is
 * set empty (stay the login user), else the role to switch to.
 */
record DatabaseSettings(String url, String user, String password, String role) {

  static final String WORKER_ROLE = "connector_engine_worker";

  static DatabaseSettings fromEnvironment(Map<String, String> env) {
    return new DatabaseSettings(
        orDefault(env.get("DATABASE_URL"), "jdbc:postgresql://localhost:5432/connector_engine"),
        orDefault(env.get("DATABASE_USER"), "postgres"),
        orDefault(env.get("DATABASE_PASSWORD"), ""),
        env.get("DATABASE_ROLE") == null ? null : env.get("DATABASE_ROLE").strip());
  }

  /** The URL without its query, which may carry a password: the form printed in messages. */
  String displayUrl() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?...";
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + displayUrl() + ", user=" + user + ", role=" + role + "]";
  }
}

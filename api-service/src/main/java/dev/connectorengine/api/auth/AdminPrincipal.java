package dev.connectorengine.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller of an admin call: an admin user by their own key, or the configured admin token.
 *
 * @param userId the admin user, or null for the admin token (which acts as an owner)
 * @param role what the caller may do
 */
public record AdminPrincipal(UUID userId, AdminRole role) {

  static final String ATTRIBUTE = AdminPrincipal.class.getName();

  /** The admin token's principal. */
  static AdminPrincipal adminToken() {
    return new AdminPrincipal(null, AdminRole.OWNER);
  }

  /** The admin authenticated for this request, if the admin check has run and passed. */
  public static Optional<AdminPrincipal> of(HttpServletRequest request) {
    return Optional.ofNullable((AdminPrincipal) request.getAttribute(ATTRIBUTE));
  }
}

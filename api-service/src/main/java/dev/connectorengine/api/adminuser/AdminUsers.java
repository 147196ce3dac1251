package dev.connectorengine.api.adminuser;

import dev.connectorengine.api.auth.AdminRole;
import dev.connectorengine.api.auth.ApiKeys;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adds, lists, changes and removes the platform's admin users (an owner's job). */
@Service
class AdminUsers {

  private static final int MAX_TEXT = 200;

  private final AdminUserRepository users;

  AdminUsers(AdminUserRepository users) {
    this.users = users;
  }

  @Transactional
  CreatedAdminUser create(AdminUserRequest request) {
    List<SpecViolation> violations = new ArrayList<>();
    String email = text(request.email(), "email", true, violations);
    if (email != null && !email.contains("@")) {
      violations.add(new SpecViolation("email", "must be an email address"));
    }
    String name = text(request.name(), "name", true, violations);
    String role = role(request.role(), true, violations);
    requireNone(violations);
    String key = ApiKeys.generateAdminKey();
    try {
      AdminUserView user =
          users.insert(UUID.randomUUID(), email.toLowerCase(Locale.ROOT), name, role, key);
      return new CreatedAdminUser(user, key);
    } catch (DuplicateKeyException e) {
      throw new ApiException(HttpStatus.CONFLICT, "an admin user with this email exists");
    }
  }

  @Transactional(readOnly = true)
  List<AdminUserView> list() {
    return users.list();
  }

  @Transactional
  AdminUserView update(UUID id, AdminUserPatch patch) {
    List<SpecViolation> violations = new ArrayList<>();
    String name = text(patch.name(), "name", false, violations);
    String role = role(patch.role(), false, violations);
    requireNone(violations);
    return users.update(id, name, role).orElseThrow(() -> notFound(id));
  }

  @Transactional
  void delete(UUID id) {
    if (!users.delete(id)) {
      throw notFound(id);
    }
  }

  private static String text(
      String value, String field, boolean required, List<SpecViolation> violations) {
    if (value == null) {
      if (required) {
        violations.add(new SpecViolation(field, "is required"));
      }
      return null;
    }
    String stripped = value.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_TEXT) {
      violations.add(new SpecViolation(field, "must be 1 to " + MAX_TEXT + " chars"));
    }
    return stripped;
  }

  private static String role(String value, boolean required, List<SpecViolation> violations) {
    if (value == null) {
      if (required) {
        violations.add(new SpecViolation("role", "is required"));
      }
      return null;
    }
    if (AdminRole.fromWireName(value).isEmpty()) {
      violations.add(new SpecViolation("role", "must be developer, admin or owner"));
    }
    return value;
  }

  private static void requireNone(List<SpecViolation> violations) {
    if (!violations.isEmpty()) {
      throw ApiException.invalid("invalid admin user", violations);
    }
  }

  private static ApiException notFound(UUID id) {
    return ApiException.notFound("admin user " + id);
  }
}

package dev.connectorengine.api.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a platform admin may do, each role including the ones before it: developers read, admins
 * also manage official templates and workspaces, owners also manage the admin users.
 */
public enum AdminRole {
  DEVELOPER,
  ADMIN,
  OWNER;

  /** {@code developer}, {@code admin} or {@code owner}, as the API and the table spell it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this role may do what {@code required} may. */
  public boolean includes(AdminRole required) {
    return compareTo(required) >= 0;
  }

  /** The role of this wire name, if there is one. */
  public static Optional<AdminRole> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
  }
}

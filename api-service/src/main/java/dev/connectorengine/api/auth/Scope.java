package dev.connectorengine.api.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do: {@code read} (look), {@code execute} (trigger and cancel), {@code
 * configure} (connectors, credentials, keys, the audit log).
 */
public enum Scope {
  READ,
  EXECUTE,
  CONFIGURE;

  /** {@code read}, {@code execute} or {@code configure}, as JSON and SQL spell it. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scope of this spelling, if it is one. */
  public static Optional<Scope> fromWireName(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
  }

  @Override
  public String toString() {
    return wireName();
  }
}

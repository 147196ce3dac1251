package dev.connectorengine.model.credential;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How a credential authenticates, and which secret fields each kind needs. */
public enum CredentialType {
  API_KEY(Set.of("apiKey"), Set.of("headerName", "prefix", "queryParam")),
  BEARER(Set.of("token"), Set.of()),
  BASIC(Set.of("username", "password"), Set.of()),
  OAUTH2(Set.of("clientId", "clientSecret", "tokenUrl"), Set.of("refreshToken", "scopes"));

  private final Set<String> required;
  private final Set<String> optional;

  CredentialType(Set<String> required, Set<String> optional) {
    this.required = required;
    this.optional = optional;
  }

  /** The value names this type must have. */
  public Set<String> requiredValues() {
    return required;
  }

  /** The value names this type may have besides the required ones. */
  public Set<String> optionalValues() {
    return optional;
  }

  /** {@code api_key}, {@code bearer}, {@code basic} or {@code oauth2}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the JSON/SQL spelling.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  @JsonCreator
  public static CredentialType fromWireName(String value) {
    for (CredentialType type : values()) {
      if (type.wireName().equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown credential type '"
            + value
            + "'; expected one of "
            + Arrays.stream(values())
                .map(CredentialType::wireName)
                .collect(Collectors.joining(", ")));
  }
}

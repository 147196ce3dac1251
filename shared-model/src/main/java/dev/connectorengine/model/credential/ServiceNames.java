package dev.connectorengine.model.credential;

import java.util.regex.Pattern;

/** The shape of a credential's service name, as URLs, steps and templates name it. */
public final class ServiceNames {

  /** Lower-case letters, digits, {@code _} and {@code -}, starting with a letter or digit. */
  public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** How {@link #PATTERN} reads in an error message. */
  public static final String RULE =
      "must match [a-z0-9][a-z0-9_-]{0,63}: lower-case letters, digits, _ and -";

  private ServiceNames() {}

  public static boolean isValid(String name) {
    return name != null && PATTERN.matcher(name).matches();
  }
}

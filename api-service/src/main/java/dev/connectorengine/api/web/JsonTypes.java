package dev.connectorengine.api.web;

import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Names Java types the way a JSON caller thinks of them, for "wrong type" problems. */
final class JsonTypes {

  private JsonTypes() {}

  /** {@code expected an integer}, {@code expected an object}, ... */
  static String expected(Class<?> type) {
    return "expected " + name(type);
  }

  private static String name(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (CharSequence.class.isAssignableFrom(type)
        || type == char.class
        || type == Character.class) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == int.class
        || type == long.class
        || type == short.class
        || type == byte.class
        || type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == Byte.class
        || type == java.math.BigInteger.class) {
      return "an integer" + range(type);
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 instant such as 2030-01-01T00:00:00Z";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (type.isEnum()) {
      return "one of the accepted values";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (JsonNode.class.isAssignableFrom(type)) {
      return "a JSON value";
    }
    if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
      return "an object";
    }
    return "another type";
  }

  private static String range(Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (type == long.class || type == Long.class) {
      return " from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    return "";
  }
}

package dev.connectorengine.localstack;

/** Why the local stack cannot start, worded for the person who ran it. */
final class LocalStackException extends RuntimeException {

  LocalStackException(String message) {
    super(message);
  }

  LocalStackException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.connectorengine.credentialscli;

/**
 * Bad input or an unusable environment (invalid keyset, unknown command, no database): the command
 * prints the message on one line and exits with 2. Messages never hold a secret.
 */
final class CliException extends RuntimeException {

  CliException(String message) {
    super(message);
  }
}

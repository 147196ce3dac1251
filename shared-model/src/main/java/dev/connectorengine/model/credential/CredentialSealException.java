package dev.connectorengine.model.credential;

/** Sealed credential values that do not open here; the message never holds a secret. */
public final class CredentialSealException extends RuntimeException {

  public CredentialSealException(String message) {
    super(message);
  }
}

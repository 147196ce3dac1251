package dev.connectorengine.worker.connector;

/** The connector version a run needs is missing or unreadable; the run cannot start. */
public final class ConnectorVersionUnavailableException extends RuntimeException {

  public ConnectorVersionUnavailableException(String message) {
    super(message);
  }
}

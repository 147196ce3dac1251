package dev.connectorengine.model.outbound;

import java.io.IOException;

/**
 * A request the SSRF guard will not send (a refused address, scheme or redirect); the message names
 * the host and the rule. An {@link IOException} so it crosses I/O boundaries; never retried.
 */
public class TargetRefusedException extends IOException {

  public TargetRefusedException(String message) {
    super(message);
  }
}

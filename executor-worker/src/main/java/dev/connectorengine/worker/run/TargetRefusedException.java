package dev.connectorengine.worker.run;

import java.io.IOException;

/**
 * A step request the SSRF guard will not send (a refused address, scheme or redirect). An {@link
 * IOException} so it crosses {@link RunSignal#interruptibly}; never retried.
 */
class TargetRefusedException extends IOException {

  TargetRefusedException(String message) {
    super(message);
  }
}

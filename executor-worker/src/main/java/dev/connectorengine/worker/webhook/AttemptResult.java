package dev.connectorengine.worker.webhook;

import dev.connectorengine.model.webhook.DeliveryAttempt;
import java.time.Duration;

/**
 * What one attempt came to.
 *
 * @param verdict whether it delivered, may be tried again, or never will be
 * @param record the attempt as the delivery keeps it
 * @param retryAfter the wait the receiver asked for (429, 503), or null
 */
record AttemptResult(Verdict verdict, DeliveryAttempt record, Duration retryAfter) {

  enum Verdict {
    DELIVERED,
    RETRY,
    GIVE_UP
  }
}

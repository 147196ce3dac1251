package dev.connectorengine.model.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a request's turn where the calls to its target's host are rate-limited. */
@FunctionalInterface
public interface OutboundPermits {

  /** No host is limited: every request goes at once. */
  OutboundPermits NONE = (target, maxWait, abandoned) -> true;

  /**
   * Waits until a request to {@code target} may be sent.
   *
   * @param maxWait the longest to wait
   * @param abandoned says, polled while waiting, that the caller no longer wants to send
   * @return whether it may be sent now; false when its turn would come only after {@code maxWait}
   * @throws InterruptedException when {@code abandoned} said so, or the thread was interrupted
   */
  boolean await(URI target, Duration maxWait, BooleanSupplier abandoned)
      throws InterruptedException;
}

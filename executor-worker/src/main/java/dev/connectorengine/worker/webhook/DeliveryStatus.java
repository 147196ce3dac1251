package dev.connectorengine.worker.webhook;

import java.util.Locale;

/** Where a delivery is: still to be sent, or over one way or the other. */
enum DeliveryStatus {
  PENDING,
  DELIVERED,
  FAILED;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

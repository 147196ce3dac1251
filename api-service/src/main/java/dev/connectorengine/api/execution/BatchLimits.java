package dev.connectorengine.api.execution;

import dev.connectorengine.api.execution.BatchTriggerRequest.TriggerItem;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.List;

/** How many items a batch may hold, and how many requests of the rate limit it counts as. */
final class BatchLimits {

  static final int MAX_ITEMS = 1_000;
  static final int ITEMS_PER_REQUEST = 100;

  private BatchLimits() {}

  /** One request per 100 items or part thereof. */
  static int requests(int items) {
    return (items + ITEMS_PER_REQUEST - 1) / ITEMS_PER_REQUEST;
  }

  /**
   * The items of a batch that holds 1 to 1,000 of them, and no more than a key may pay for at once.
   *
   * @param mostRequests the most requests one call may count as under the rate limit
   * @throws ApiException 422 naming {@code items} and the limit otherwise
   */
  static List<TriggerItem> require(BatchTriggerRequest request, int mostRequests) {
    List<TriggerItem> items = request == null ? null : request.items();
    if (items == null) {
      throw tooFew("is required");
    }
    if (items.isEmpty()) {
      throw tooFew("must hold at least 1 item");
    }
    if (items.size() > MAX_ITEMS) {
      throw tooMany("at most " + MAX_ITEMS + " items");
    }
    if (requests(items.size()) > mostRequests) {
      throw tooMany(
          "at most "
              + mostRequests * ITEMS_PER_REQUEST
              + " items: a batch counts as one request per "
              + ITEMS_PER_REQUEST
              + " items, and an API key may send at most "
              + mostRequests
              + " requests at once");
    }
    return items;
  }

  private static ApiException tooFew(String message) {
    return ApiException.invalid(
        "a batch holds 1 to " + MAX_ITEMS + " items", List.of(new SpecViolation("items", message)));
  }

  private static ApiException tooMany(String message) {
    return ApiException.invalid(
        "the batch holds more items than it may: " + message,
        List.of(new SpecViolation("items", message)));
  }
}

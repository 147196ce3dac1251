package dev.connectorengine.api.execution;

import dev.connectorengine.api.execution.BatchTriggerRequest.TriggerItem;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.InputValidator;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks every item of a batch before anything is written, as the single trigger checks its body,
 * and names each failure by index: {@code items[3].input.email}.
 */
final class BatchItemsCheck {

  private final InputValidator inputValidator = new InputValidator();

  /**
   * Passes when every item is valid.
   *
   * @param inputSchema the connector's input schema, or null
   * @throws ApiException 422 listing every failing item's index and field
   */
  void requireValid(JsonNode inputSchema, List<TriggerItem> items) {
    List<SpecViolation> violations = new ArrayList<>();
    Map<String, Integer> firstWithKey = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String at = "items[" + i + "]";
      TriggerItem item = items.get(i);
      if (item == null) {
        violations.add(new SpecViolation(at, "must be an object"));
        continue;
      }
      String keyProblem = TriggerRules.keyProblem(item.idempotencyKey());
      if (keyProblem != null) {
        violations.add(new SpecViolation(at + ".idempotencyKey", keyProblem));
      } else if (item.idempotencyKey() != null) {
        Integer first = firstWithKey.putIfAbsent(item.idempotencyKey(), i);
        if (first != null) {
          violations.add(
              new SpecViolation(
                  at + ".idempotencyKey",
                  "repeats the key of items[" + first + "]: each item needs a key of its own"));
        }
      }
      String flowRunIdProblem = TriggerRules.flowRunIdProblem(item.flowRunId());
      if (flowRunIdProblem != null) {
        violations.add(new SpecViolation(at + ".flowRunId", flowRunIdProblem));
      }
      for (SpecViolation v : inputValidator.validate(inputSchema, item.inputOrEmpty())) {
        violations.add(new SpecViolation(at + "." + v.field(), v.message()));
      }
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("items of the batch are invalid; nothing was written", violations);
    }
  }
}

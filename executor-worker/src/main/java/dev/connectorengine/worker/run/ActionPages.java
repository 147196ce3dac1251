package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.integration.PaginationSpec;
import dev.connectorengine.model.template.JsonPathExtractor;
import dev.connectorengine.worker.run.AttemptOutcome.Answered;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One attempt of an action's call: the first page, then, when the action pages, each next page (one
 * HTTP call and one request log row each) until there is no next page or the action's page limit;
 * the pages' arrays at {@code itemsPath} concatenated into the first page's body. A page that does
 * not succeed ends the attempt with its outcome, so a retry starts again from the first page.
 */
@Component
class ActionPages {

  private final StepCall call;

  ActionPages(StepCall call) {
    this.call = call;
  }

  /**
   * @param attempt the attempt's number, for the request log
   * @throws StepPreparationException when the rendered request leaves the integration's base URL,
   *     or an answer has no array at {@code itemsPath}
   */
  AttemptOutcome attempt(
      StepSpec step, PreparedRequest first, RunScope scope, ActionInvocation action, int attempt) {
    action.requireOnBase(first.uri());
    AttemptOutcome outcome = call.attemptLogged(step, first, scope, attempt);
    PaginationSpec pagination = action.binding().pagination();
    if (pagination == null
        || !(outcome instanceof Answered(HttpAnswer firstAnswer))
        || !firstAnswer.isSuccess()) {
      return outcome;
    }
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    items.addAll(itemsOf(firstAnswer, pagination));
    PreparedRequest request = first;
    HttpAnswer answer = firstAnswer;
    long latency = firstAnswer.latencyMs();
    for (int page = 1; page < pagination.pageLimit(); page++) {
      Optional<URI> next = NextPage.after(pagination, request.uri(), answer, items.size(), page);
      if (next.isEmpty()) {
        break;
      }
      if (!ActionInvocation.sameOrigin(first.uri(), next.get())) {
        throw new StepPreparationException(
            "the next page's link " + next.get() + " leaves the integration's base URL");
      }
      request = request.withUri(next.get());
      AttemptOutcome pageOutcome = call.attemptLogged(step, request, scope, attempt);
      if (!(pageOutcome instanceof Answered(HttpAnswer pageAnswer)) || !pageAnswer.isSuccess()) {
        return pageOutcome;
      }
      List<JsonNode> pageItems = itemsOf(pageAnswer, pagination);
      if (pageItems.isEmpty()) {
        break;
      }
      items.addAll(pageItems);
      answer = pageAnswer;
      latency += pageAnswer.latencyMs();
    }
    JsonNode body;
    try {
      body = JsonPathExtractor.replace(firstAnswer.body(), pagination.itemsPath(), items);
    } catch (IllegalArgumentException e) {
      throw new StepPreparationException("the pages cannot be joined: " + e.getMessage());
    }
    return new Answered(
        new HttpAnswer(answer.status(), firstAnswer.headers(), body, body.toString(), latency));
  }

  private static List<JsonNode> itemsOf(HttpAnswer answer, PaginationSpec pagination) {
    JsonNode found = JsonPathExtractor.read(pagination.itemsPath(), answer.body());
    if (found.isNull()) {
      return List.of();
    }
    if (!found.isArray()) {
      throw new StepPreparationException(
          "a page's " + pagination.itemsPath() + " is not an array but " + found.getNodeType());
    }
    return found.valueStream().toList();
  }
}

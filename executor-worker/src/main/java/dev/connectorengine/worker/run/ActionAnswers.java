package dev.connectorengine.worker.run;

import dev.connectorengine.model.integration.ActionBinding;
import dev.connectorengine.worker.action.ActionAnswerCache;
import dev.connectorengine.worker.action.ActionAnswerCache.CachedAnswer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer cache as a step sees it: for a cacheable action, a fresh answer to the same input is
 * used instead of a call, and a successful call's answer is kept for the action's TTL. The cache
 * only saves calls: when the database cannot answer, the step calls the target as if nothing were
 * kept.
 */
@Component
class ActionAnswers {

  private static final Logger log = LoggerFactory.getLogger(ActionAnswers.class);

  private final ActionAnswerCache cache;
  private final Clock clock;

  ActionAnswers(ActionAnswerCache cache, Clock clock) {
    this.cache = cache;
    this.clock = clock;
  }

  /** A kept answer to this invocation's input, if the action is cacheable and one is fresh. */
  Optional<HttpAnswer> cached(ActionInvocation action, RunScope scope) {
    ActionBinding binding = action.binding();
    if (binding.cacheTtlSeconds() == null) {
      return Optional.empty();
    }
    try {
      return cache
          .find(
              scope.workspaceId(),
              binding.actionId(),
              binding.actionVersion(),
              action.inputHash(),
              clock.instant())
          .map(ActionAnswers::answer);
    } catch (DataAccessException e) {
      log.warn("action answer cache unavailable, calling the target: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Keeps a successful answer, redacted, when the action is cacheable. */
  void keep(ActionInvocation action, HttpAnswer answer, RunScope scope) {
    ActionBinding binding = action.binding();
    if (binding.cacheTtlSeconds() == null) {
      return;
    }
    ObjectNode headers = JsonNodeFactory.instance.objectNode();
    answer
        .headers()
        .forEach(
            (name, values) ->
                headers.put(name, scope.redactor().redact(String.join(", ", values))));
    try {
      cache.store(
          scope.workspaceId(),
          binding.actionId(),
          binding.actionVersion(),
          action.inputHash(),
          new CachedAnswer(answer.status(), scope.redactor().redact(answer.body()), headers),
          clock.instant(),
          Duration.ofSeconds(binding.cacheTtlSeconds()));
    } catch (DataAccessException e) {
      log.warn("action answer not cached: {}", e.getMessage());
    }
  }

  private static HttpAnswer answer(CachedAnswer cached) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    cached
        .headers()
        .properties()
        .forEach(
            field ->
                headers.put(field.getKey(), new ArrayList<>(List.of(field.getValue().asString()))));
    String text = cached.body() == null ? "" : cached.body().toString();
    return new HttpAnswer(
        cached.status(),
        headers,
        cached.body() == null ? JsonNodeFactory.instance.nullNode() : cached.body(),
        text,
        0);
  }
}

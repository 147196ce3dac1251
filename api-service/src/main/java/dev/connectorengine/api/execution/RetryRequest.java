package dev.connectorengine.api.execution;

import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v1/executions/{id}/retry}; the body and each member are optional.
 *
 * @param from {@code start} (default): run every step again; {@code failed-step}: reuse the
 *     recorded outputs of the steps that succeeded and run from the first that did not
 * @param version {@code same} (default): the connector version the replayed run ran; {@code
 *     current}: the connector's current version
 */
record RetryRequest(String from, String version) {

  static final RetryRequest DEFAULTS = new RetryRequest(null, null);

  /**
   * What the request asks for.
   *
   * @throws ApiException 422 naming {@code from} or {@code version} when either is unknown
   */
  Plan plan() {
    List<SpecViolation> violations = new ArrayList<>();
    boolean fromFailedStep = "failed-step".equals(from);
    if (from != null && !fromFailedStep && !"start".equals(from)) {
      violations.add(new SpecViolation("from", "must be start or failed-step"));
    }
    boolean currentVersion = "current".equals(version);
    if (version != null && !currentVersion && !"same".equals(version)) {
      violations.add(new SpecViolation("version", "must be same or current"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid("the retry request is invalid", violations);
    }
    return new Plan(fromFailedStep, currentVersion);
  }

  /** A checked retry request. */
  record Plan(boolean fromFailedStep, boolean currentVersion) {

    String fromName() {
      return fromFailedStep ? "failed-step" : "start";
    }

    String versionName() {
      return currentVersion ? "current" : "same";
    }
  }
}

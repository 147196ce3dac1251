package dev.connectorengine.api.auth;

import dev.connectorengine.api.connector.ExistingConnectors;
import dev.connectorengine.api.usage.RunLimitRules;
import dev.connectorengine.api.web.ApiException;
import dev.connectorengine.model.connector.SpecViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks what a new key is held to: when it expires, which connectors it may trigger and how many
 * runs per day and month, and that none is wider than the calling key's own. Each problem names its
 * field, {@code expiresAt}, {@code connectorIds[i]}, {@code runsPerDay} or {@code runsPerMonth}.
 */
@Component
class ApiKeyLimits {

  static final int MOST_YEARS = 5;
  static final int MOST_CONNECTORS = 100;

  private final ExistingConnectors connectors;
  private final Clock clock;

  ApiKeyLimits(ExistingConnectors connectors, Clock clock) {
    this.connectors = connectors;
    this.clock = clock;
  }

  /**
   * The problems of the request's {@code expiresAt}, {@code connectorIds}, {@code runsPerDay} and
   * {@code runsPerMonth}; empty if none.
   */
  List<SpecViolation> problems(UUID workspaceId, ApiKeyRequest request) {
    List<SpecViolation> problems = new ArrayList<>();
    expiryProblem(request.expiresAt()).ifPresent(problems::add);
    problems.addAll(connectorProblems(workspaceId, request.connectorIds()));
    problems.addAll(RunLimitRules.violations("", request.runsPerDay(), request.runsPerMonth()));
    return problems;
  }

  /**
   * Refuses with 403 a key that would outlive its maker, trigger connectors its maker may not, or
   * run more than its maker may: a key that expires makes keys that expire no later, a key limited
   * to some connectors makes keys limited to some of those, a key with a run limit makes keys with
   * that limit or a lower one.
   *
   * @param callerExpiresAt when the calling key expires; null if never
   */
  void requireWithinCaller(ApiPrincipal caller, Instant callerExpiresAt, ApiKeyRequest request) {
    List<SpecViolation> wider = new ArrayList<>();
    Instant expiresAt = request.expiresAt();
    if (callerExpiresAt != null && (expiresAt == null || expiresAt.isAfter(callerExpiresAt))) {
      wider.add(
          new SpecViolation(
              "expiresAt", "may be no later than the calling key's, " + callerExpiresAt));
    }
    List<UUID> ids = request.connectorIds();
    if (caller.connectorIds() != null) {
      if (ids == null) {
        wider.add(
            new SpecViolation("connectorIds", "must list connectors of the calling key's list"));
      } else {
        for (int i = 0; i < ids.size(); i++) {
          if (!caller.connectorIds().contains(ids.get(i))) {
            wider.add(
                new SpecViolation(
                    "connectorIds[" + i + "]", "is not among the calling key's connectorIds"));
          }
        }
      }
    }
    runLimitWider("runsPerDay", caller.runsPerDay(), request.runsPerDay()).ifPresent(wider::add);
    runLimitWider("runsPerMonth", caller.runsPerMonth(), request.runsPerMonth())
        .ifPresent(wider::add);
    if (!wider.isEmpty()) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "this API key may not make a key that outlives it, triggers other connectors or may run"
              + " more",
          wider);
    }
  }

  private static Optional<SpecViolation> runLimitWider(String field, Long callers, Long asked) {
    if (callers == null || (asked != null && asked <= callers)) {
      return Optional.empty();
    }
    return Optional.of(
        new SpecViolation(field, "may be at most the calling key's " + field + ", " + callers));
  }

  private Optional<SpecViolation> expiryProblem(Instant expiresAt) {
    if (expiresAt == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant latest = now.atOffset(ZoneOffset.UTC).plusYears(MOST_YEARS).toInstant();
    if (!expiresAt.isAfter(now)) {
      return Optional.of(new SpecViolation("expiresAt", "must be in the future"));
    }
    if (expiresAt.isAfter(latest)) {
      return Optional.of(
          new SpecViolation("expiresAt", "must be at most " + MOST_YEARS + " years ahead"));
    }
    return Optional.empty();
  }

  private List<SpecViolation> connectorProblems(UUID workspaceId, List<UUID> ids) {
    if (ids == null) {
      return List.of();
    }
    if (ids.isEmpty() || ids.size() > MOST_CONNECTORS) {
      return List.of(
          new SpecViolation(
              "connectorIds",
              "needs 1 to "
                  + MOST_CONNECTORS
                  + " connector ids; leave it out for a key that may trigger every connector"));
    }
    Set<UUID> existing =
        connectors.of(workspaceId, ids.stream().filter(Objects::nonNull).distinct().toList());
    List<SpecViolation> problems = new ArrayList<>();
    Map<UUID, Integer> firstAt = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      UUID id = ids.get(i);
      String field = "connectorIds[" + i + "]";
      Integer first = id == null ? null : firstAt.putIfAbsent(id, i);
      if (id == null) {
        problems.add(new SpecViolation(field, "must be a connector id"));
      } else if (first != null) {
        problems.add(new SpecViolation(field, "repeats connectorIds[" + first + "]"));
      } else if (!existing.contains(id)) {
        problems.add(new SpecViolation(field, "no connector " + id + " in this workspace"));
      }
    }
    return problems;
  }
}

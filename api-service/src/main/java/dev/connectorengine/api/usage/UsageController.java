package dev.connectorengine.api.usage;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.usage.UsageRepository.Counter;
import dev.connectorengine.api.usage.UsageRepository.RunLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's workspace's usage and limits, and its key's when the key has limits. */
@RestController
@Tag(
    name = "Usage",
    description = "Runs per UTC day and month, and the workspace's and the key's limits.")
class UsageController {

  private final UsageRepository usage;
  private final UsageLimits limits;
  private final Clock clock;

  UsageController(UsageRepository usage, UsageLimits limits, Clock clock) {
    this.usage = usage;
    this.limits = limits;
    this.clock = clock;
  }

  @GetMapping("/api/v1/usage")
  @RequiresScope(Scope.READ)
  @Transactional(readOnly = true)
  @Operation(
      operationId = "getUsage",
      summary = "Runs this UTC day and month, with the workspace's limits and when they reset",
      description =
          "When the calling key has run limits of its own, `apiKey` shows its runs and limits"
              + " too (a key's runs are counted from when it has limits).")
  @ApiResponse(responseCode = "200", description = "the workspace's usage, and the key's")
  public UsageView get(ApiPrincipal caller) {
    UsagePeriods periods = UsagePeriods.at(clock.instant());
    RunLimits set = limits.limitsOf(caller.workspaceId());
    UsageView.ApiKeyUsage key = null;
    if (caller.hasRunLimits()) {
      RunLimits own = UsageLimits.keyLimits(caller);
      key =
          new UsageView.ApiKeyUsage(
              caller.keyId(),
              period(Counter.API_KEY, caller.keyId(), "day", periods, own.perDay()),
              period(Counter.API_KEY, caller.keyId(), "month", periods, own.perMonth()));
    }
    return new UsageView(
        period(Counter.WORKSPACE, caller.workspaceId(), "day", periods, set.perDay()),
        period(Counter.WORKSPACE, caller.workspaceId(), "month", periods, set.perMonth()),
        key);
  }

  private UsageView.Period period(
      Counter counter, UUID id, String period, UsagePeriods periods, Long limit) {
    return new UsageView.Period(
        periods.start(period),
        usage.runs(counter, id, period, periods),
        limit,
        periods.resetsAt(period));
  }
}

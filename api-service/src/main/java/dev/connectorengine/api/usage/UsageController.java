package dev.connectorengine.api.usage;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.usage.UsageRepository.RunLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's workspace's usage and limits. */
@RestController
@Tag(name = "Usage", description = "Runs per UTC day and month, and the workspace's limits.")
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
      summary = "Runs this UTC day and month, with the workspace's limits and when they reset")
  @ApiResponse(responseCode = "200", description = "the workspace's usage")
  public UsageView get(ApiPrincipal caller) {
    UsagePeriods periods = UsagePeriods.at(clock.instant());
    RunLimits set = limits.limitsOf(caller.workspaceId());
    return new UsageView(
        new UsageView.Period(
            periods.day(),
            usage.runs(caller.workspaceId(), "day", periods),
            set.perDay(),
            periods.dayResets()),
        new UsageView.Period(
            periods.month(),
            usage.runs(caller.workspaceId(), "month", periods),
            set.perMonth(),
            periods.monthResets()));
  }
}

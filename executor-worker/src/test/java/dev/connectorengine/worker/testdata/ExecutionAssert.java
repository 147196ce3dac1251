package dev.connectorengine.worker.testdata;

import dev.connectorengine.model.execution.StepRecord;
import dev.connectorengine.model.execution.StepStatus;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/** {@code assertThatExecution(row).hasStatus("success").hasStepStatuses(...)}. */
public final class ExecutionAssert extends AbstractAssert<ExecutionAssert, ExecutionRow> {

  private ExecutionAssert(ExecutionRow actual) {
    super(actual, ExecutionAssert.class);
  }

  public static ExecutionAssert assertThatExecution(ExecutionRow row) {
    return new ExecutionAssert(row);
  }

  public ExecutionAssert hasStatus(String status) {
    isNotNull();
    if (!status.equals(actual.status())) {
      failWithMessage(
          "expected execution %s to be %s but was %s (error: %s)",
          actual.id(), status, actual.status(), actual.errorMessage());
    }
    return this;
  }

  public ExecutionAssert hasCurrentStep(String stepId) {
    isNotNull();
    Assertions.assertThat(actual.currentStep()).as("current step").isEqualTo(stepId);
    return this;
  }

  public ExecutionAssert hasStepStatuses(StepStatus... statuses) {
    isNotNull();
    Assertions.assertThat(actual.steps().stream().map(StepRecord::status).toList())
        .as("step statuses")
        .containsExactly(statuses);
    return this;
  }

  public ExecutionAssert hasErrorMessageContaining(String... parts) {
    isNotNull();
    Assertions.assertThat(actual.errorMessage()).as("error message").contains(parts);
    return this;
  }

  public ExecutionAssert isFinished() {
    isNotNull();
    Assertions.assertThat(actual.finishedAt()).as("finished_at").isNotNull();
    Assertions.assertThat(actual.executionTimeMs()).as("execution_time_ms").isNotNull();
    Assertions.assertThat(actual.leaseOwner()).as("lease owner").isNull();
    return this;
  }

  public ExecutionAssert doesNotContainAnywhere(String text) {
    isNotNull();
    Assertions.assertThat(actual.raw()).as("the stored row").doesNotContain(text);
    return this;
  }

  public StepRecord step(int index) {
    List<StepRecord> steps = actual.steps();
    Assertions.assertThat(steps).hasSizeGreaterThan(index);
    return steps.get(index);
  }
}

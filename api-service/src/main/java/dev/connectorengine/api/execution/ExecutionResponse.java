package dev.connectorengine.api.execution;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.connectorengine.model.execution.ExecutionStatus;
import dev.connectorengine.model.execution.ExecutionView;
import dev.connectorengine.model.execution.StepRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An execution as {@code GET /api/v1/executions/{id}} shows it: exactly its {@link ExecutionView},
 * which webhook deliveries render too, so both are the same document.
 */
@Schema(name = "Execution")
record ExecutionResponse(@JsonUnwrapped ExecutionView view) {

  UUID id() {
    return view.id();
  }

  UUID connectorId() {
    return view.connectorId();
  }

  ExecutionStatus status() {
    return view.status();
  }

  String currentStep() {
    return view.currentStep();
  }

  List<StepRecord> steps() {
    return view.steps();
  }

  Instant createdAt() {
    return view.createdAt();
  }
}

package dev.connectorengine.model.execution;

import static dev.connectorengine.model.execution.ExecutionStatus.CANCELLED;
import static dev.connectorengine.model.execution.ExecutionStatus.FAILED;
import static dev.connectorengine.model.execution.ExecutionStatus.PENDING;
import static dev.connectorengine.model.execution.ExecutionStatus.RUNNING;
import static dev.connectorengine.model.execution.ExecutionStatus.SUCCESS;
import static dev.connectorengine.model.execution.ExecutionStatus.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionTransitionTest {

  @Test
  void named_moves_bind_their_statuses_as_sql_spells_them() {
    assertThat(ExecutionTransition.CLAIM.sqlParams())
        .isEqualTo(Map.of("from", "pending", "to", "running"));
    assertThat(ExecutionTransition.CANCEL_PENDING.sqlParams())
        .isEqualTo(Map.of("from", "pending", "to", "cancelled"));
    assertThat(ExecutionTransition.REQUEUE.sqlParams())
        .isEqualTo(Map.of("from", "running", "to", "pending"));
  }

  @Test
  void finishing_moves_a_running_run_to_any_terminal_status() {
    for (ExecutionStatus terminal : new ExecutionStatus[] {SUCCESS, FAILED, TIMEOUT, CANCELLED}) {
      assertThat(ExecutionTransition.finish(terminal))
          .isEqualTo(new ExecutionTransition(RUNNING, terminal));
    }
  }

  @Test
  void a_move_the_table_forbids_cannot_be_built() {
    assertThatThrownBy(() -> new ExecutionTransition(SUCCESS, RUNNING))
        .isInstanceOf(IllegalStatusTransitionException.class)
        .hasMessage("execution cannot move from success to running");
    assertThatThrownBy(() -> ExecutionTransition.finish(PENDING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a run ends in a terminal status, not pending");
  }
}

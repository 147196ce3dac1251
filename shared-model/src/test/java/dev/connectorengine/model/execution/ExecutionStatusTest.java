package dev.connectorengine.model.execution;

import static dev.connectorengine.model.execution.ExecutionStatus.CANCELLED;
import static dev.connectorengine.model.execution.ExecutionStatus.FAILED;
import static dev.connectorengine.model.execution.ExecutionStatus.PENDING;
import static dev.connectorengine.model.execution.ExecutionStatus.RUNNING;
import static dev.connectorengine.model.execution.ExecutionStatus.SUCCESS;
import static dev.connectorengine.model.execution.ExecutionStatus.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class ExecutionStatusTest {

  /** The whole table of DESIGN.md section 3, written out independently of the enum. */
  private static final Set<String> ALLOWED =
      Set.of(
          "pending->running",
          "pending->cancelled",
          "running->success",
          "running->failed",
          "running->timeout",
          "running->cancelled",
          "running->pending");

  static Stream<Arguments> everyPair() {
    return EnumSet.allOf(ExecutionStatus.class).stream()
        .flatMap(
            from ->
                EnumSet.allOf(ExecutionStatus.class).stream().map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyPair")
  void every_move_is_allowed_exactly_when_the_design_table_lists_it(
      ExecutionStatus from, ExecutionStatus to) {
    boolean allowed = ALLOWED.contains(from.wireName() + "->" + to.wireName());

    assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    if (allowed) {
      assertThat(from.transitionTo(to)).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> from.transitionTo(to))
          .isInstanceOfSatisfying(
              IllegalStatusTransitionException.class,
              e -> {
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
              })
          .hasMessage("execution cannot move from " + from.wireName() + " to " + to.wireName());
    }
  }

  @Test
  void terminal_statuses_are_exactly_the_four_end_states() {
    assertThat(EnumSet.allOf(ExecutionStatus.class).stream().filter(ExecutionStatus::isTerminal))
        .containsExactlyInAnyOrder(SUCCESS, FAILED, TIMEOUT, CANCELLED);
    assertThat(PENDING.isTerminal()).isFalse();
    assertThat(RUNNING.isTerminal()).isFalse();
  }

  @Test
  void json_spells_statuses_in_lower_case_both_ways() {
    JsonMapper mapper = JsonMapper.builder().build();

    assertThat(mapper.writeValueAsString(TIMEOUT)).isEqualTo("\"timeout\"");
    assertThat(mapper.readValue("\"cancelled\"", ExecutionStatus.class)).isEqualTo(CANCELLED);
  }

  @Test
  void an_unknown_wire_name_is_refused_naming_the_allowed_ones() {
    assertThatThrownBy(() -> ExecutionStatus.fromWireName("done"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'done'")
        .hasMessageContaining("pending, running, success, failed, timeout, cancelled");
  }
}

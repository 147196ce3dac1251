package dev.connectorengine.worker.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FenceTest {

  @Test
  void a_grant_holds_for_four_fifths_of_its_validity_from_when_it_was_asked_for() {
    long now = System.nanoTime();

    assertThat(
            Fence.granted(now - Duration.ofMillis(3_900).toNanos(), Duration.ofSeconds(5)).holds())
        .isTrue();
    assertThat(
            Fence.granted(now - Duration.ofMillis(4_100).toNanos(), Duration.ofSeconds(5)).holds())
        .isFalse();
  }

  @Test
  void a_renewal_moves_the_fence_forward_but_never_back() {
    long now = System.nanoTime();
    Fence fence = Fence.granted(now - Duration.ofSeconds(3).toNanos(), Duration.ofSeconds(5));

    fence.extend(now, Duration.ofSeconds(5));
    fence.extend(now - Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(5));

    assertThat(fence.holds()).isTrue();
  }

  @Test
  void a_lapsed_fence_is_never_revived_by_a_renewal_that_came_back_late() {
    long now = System.nanoTime();
    Fence fence = Fence.granted(now - Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(5));

    boolean extended = fence.extend(now, Duration.ofSeconds(5));

    assertThat(extended).isFalse();
    assertThat(fence.holds()).isFalse();
  }
}

package dev.connectorengine.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.worker.dispatch.WaitingRuns.Room;
import dev.connectorengine.worker.dispatch.WaitingRuns.Waiting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WaitingRunsTest {

  private static final UUID A = id("a");
  private static final UUID B = id("b");
  private static final UUID C = id("c");
  private static final UUID A_FAST = id("af");
  private static final UUID A_STRICT = id("as");
  private static final Room ANY = room(Map.of(), Map.of());

  private final WaitingRuns waiting = new WaitingRuns();

  @Test
  void servesWorkspacesInTurnNotInArrivalOrder() {
    List<Waiting> a = queue(A, A_FAST, 1000);
    List<Waiting> b = queue(B, B, 3);
    List<Waiting> c = queue(C, C, 2);

    assertThat(waiting.next(8, ANY))
        .containsExactly(
            a.get(0), b.get(0), c.get(0), a.get(1), b.get(1), c.get(1), a.get(2), b.get(2));
    assertThat(waiting.next(3, ANY)).containsExactly(a.get(3), a.get(4), a.get(5));
  }

  @Test
  void withinAWorkspaceItsConnectorsTakeTurns() {
    List<Waiting> fast = queue(A, A_FAST, 10);
    List<Waiting> strict = queue(A, A_STRICT, 10);

    assertThat(waiting.next(4, ANY))
        .containsExactly(fast.get(0), strict.get(0), fast.get(1), strict.get(1));
  }

  @Test
  void aWorkspaceWithoutRoomIsPassedAndKeepsItsPlace() {
    List<Waiting> a = queue(A, A_FAST, 10);
    List<Waiting> b = queue(B, B, 10);

    assertThat(waiting.next(5, room(Map.of(A, 2, B, 0), Map.of())))
        .containsExactly(a.get(0), a.get(1));
    assertThat(waiting.next(5, room(Map.of(A, 1, B, 1), Map.of())))
        .containsExactly(b.get(0), a.get(2));
    assertThat(waiting.size()).isEqualTo(16);
  }

  @Test
  void aConnectorWithoutRoomDoesNotHoldBackItsWorkspacesOtherConnectors() {
    List<Waiting> strict = queue(A, A_STRICT, 10);
    List<Waiting> fast = queue(A, A_FAST, 10);

    assertThat(waiting.next(5, room(Map.of(), Map.of(A_STRICT, 1))))
        .containsExactly(strict.get(0), fast.get(0), fast.get(1), fast.get(2), fast.get(3));
  }

  @Test
  void aJobAlreadyWaitingIsNotQueuedTwice() {
    Waiting job = job(A, A_FAST);
    assertThat(waiting.add(job)).isTrue();
    assertThat(waiting.add(new Waiting(job.executionId(), A, A_FAST, 2, null, 0))).isFalse();
    assertThat(waiting.size()).isEqualTo(1);
  }

  @Test
  void aJobWithoutWorkspaceOrConnectorStillTakesItsTurn() {
    Waiting old = new Waiting(UUID.randomUUID(), null, null, 0, null, 0);
    waiting.add(old);
    List<Waiting> a = queue(A, A_FAST, 2);

    assertThat(waiting.next(3, ANY)).containsExactly(old, a.get(0), a.get(1));
  }

  @Test
  void jobsPutBackComeFirstAgain() {
    List<Waiting> a = queue(A, A_FAST, 3);
    List<Waiting> b = queue(B, B, 1);
    List<Waiting> taken = waiting.next(2, ANY);

    waiting.putBack(taken);

    assertThat(waiting.next(4, ANY)).containsExactly(a.get(0), b.get(0), a.get(1), a.get(2));
  }

  @Test
  void drainAnswersEveryWaitingJobAndEmpties() {
    queue(A, A_FAST, 2);
    queue(A, A_STRICT, 1);
    queue(B, B, 1);
    assertThat(waiting.drain()).hasSize(4);
    assertThat(waiting.size()).isZero();
    assertThat(waiting.next(5, ANY)).isEmpty();
  }

  private List<Waiting> queue(UUID workspaceId, UUID connectorId, int jobs) {
    List<Waiting> queued = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      Waiting job = job(workspaceId, connectorId);
      waiting.add(job);
      queued.add(job);
    }
    return queued;
  }

  private static Waiting job(UUID workspaceId, UUID connectorId) {
    return new Waiting(UUID.randomUUID(), workspaceId, connectorId, 0, null, 0);
  }

  private static Room room(Map<UUID, Integer> workspaces, Map<UUID, Integer> connectors) {
    return new Room() {
      @Override
      public int ofWorkspace(UUID workspaceId) {
        return workspaces.getOrDefault(workspaceId, Integer.MAX_VALUE);
      }

      @Override
      public int ofConnector(UUID connectorId) {
        return connectors.getOrDefault(connectorId, Integer.MAX_VALUE);
      }
    };
  }

  private static UUID id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes());
  }
}

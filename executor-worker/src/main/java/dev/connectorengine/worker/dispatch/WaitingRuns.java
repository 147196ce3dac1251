package dev.connectorengine.worker.dispatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The jobs this worker has read from Kafka but not yet claimed, served in turn: workspaces take
 * turns, and within a workspace its connectors do, so that a long backlog of one never makes
 * another wait behind it. A job already waiting is not queued twice. Thread-safe.
 */
final class WaitingRuns {

  /**
   * One job waiting for its turn.
   *
   * @param connectorId null for a job published before jobs named their connector
   * @param record the message it came in, for the dead-letter topic
   * @param readNanos when this worker read it ({@code System.nanoTime})
   */
  record Waiting(
      UUID executionId,
      UUID workspaceId,
      UUID connectorId,
      int attempt,
      ConsumerRecord<String, String> record,
      long readNanos) {}

  /** How many more runs this worker may start now, per workspace and per connector. */
  interface Room {
    int ofWorkspace(UUID workspaceId);

    int ofConnector(UUID connectorId);
  }

  /** Stands for an absent workspace or connector id in the turns, which hold no nulls. */
  private static final UUID NONE = new UUID(0, 0);

  private final Map<UUID, Line> lines = new HashMap<>();
  private final ArrayDeque<UUID> turns = new ArrayDeque<>();
  private final Set<UUID> queued = new HashSet<>();

  /** Queues {@code job} behind its connector's others; false when it is waiting already. */
  synchronized boolean add(Waiting job) {
    if (!queued.add(job.executionId())) {
      return false;
    }
    lineOf(key(job.workspaceId()), false).add(job, false);
    return true;
  }

  /**
   * Takes up to {@code max} jobs, one workspace at a time in turn, skipping a workspace or a
   * connector that has no room. A workspace served goes to the back of the line.
   */
  synchronized List<Waiting> next(int max, Room room) {
    Taken taken = new Taken(room);
    int passedWithoutTaking = 0;
    while (taken.jobs.size() < max && !turns.isEmpty() && passedWithoutTaking < turns.size()) {
      UUID workspaceId = turns.pollFirst();
      Line line = lines.get(workspaceId);
      Waiting job = taken.mayStart(workspaceId) ? line.next(taken) : null;
      if (job == null) {
        passedWithoutTaking++;
      } else {
        queued.remove(job.executionId());
        taken.add(job);
        passedWithoutTaking = 0;
      }
      if (line.isEmpty()) {
        lines.remove(workspaceId);
      } else {
        turns.addLast(workspaceId);
      }
    }
    return taken.jobs;
  }

  /**
   * Puts jobs taken by {@link #next} back at the front of their queues, and their workspaces at the
   * front of the line, in the order they were taken.
   */
  synchronized void putBack(List<Waiting> jobs) {
    for (Waiting job : jobs.reversed()) {
      if (queued.add(job.executionId())) {
        lineOf(key(job.workspaceId()), true).add(job, true);
      }
    }
  }

  /** Empties the queues, answering every job that was waiting. */
  synchronized List<Waiting> drain() {
    List<Waiting> all = new ArrayList<>();
    lines.values().forEach(line -> line.byConnector.values().forEach(all::addAll));
    lines.clear();
    turns.clear();
    queued.clear();
    return all;
  }

  synchronized int size() {
    return queued.size();
  }

  private static UUID key(UUID id) {
    return id == null ? NONE : id;
  }

  private Line lineOf(UUID workspaceId, boolean first) {
    Line line = lines.get(workspaceId);
    if (line == null) {
      line = new Line();
      lines.put(workspaceId, line);
    } else if (first) {
      turns.remove(workspaceId);
    } else {
      return line;
    }
    if (first) {
      turns.addFirst(workspaceId);
    } else {
      turns.addLast(workspaceId);
    }
    return line;
  }

  /** One workspace's jobs: a queue per connector, the connectors in turn. */
  private static final class Line {
    private final Map<UUID, ArrayDeque<Waiting>> byConnector = new HashMap<>();
    private final ArrayDeque<UUID> turns = new ArrayDeque<>();

    void add(Waiting job, boolean first) {
      UUID connectorId = key(job.connectorId());
      ArrayDeque<Waiting> queue = byConnector.get(connectorId);
      if (queue == null) {
        queue = new ArrayDeque<>();
        byConnector.put(connectorId, queue);
      } else if (first) {
        turns.remove(connectorId);
      }
      if (first) {
        queue.addFirst(job);
        turns.addFirst(connectorId);
      } else {
        queue.addLast(job);
        if (queue.size() == 1) {
          turns.addLast(connectorId);
        }
      }
    }

    /** The next job of the first connector in turn with room, or null. */
    Waiting next(Taken taken) {
      for (int tried = turns.size(); tried > 0; tried--) {
        UUID connectorId = turns.pollFirst();
        ArrayDeque<Waiting> queue = byConnector.get(connectorId);
        if (!taken.connectorMayStart(connectorId)) {
          turns.addLast(connectorId);
          continue;
        }
        Waiting job = queue.pollFirst();
        if (queue.isEmpty()) {
          byConnector.remove(connectorId);
        } else {
          turns.addLast(connectorId);
        }
        return job;
      }
      return null;
    }

    boolean isEmpty() {
      return byConnector.isEmpty();
    }
  }

  /** The jobs one {@link #next} call took, counted against the room there was. */
  private static final class Taken {
    private final Room room;
    private final List<Waiting> jobs = new ArrayList<>();
    private final Map<UUID, Integer> ofWorkspace = new HashMap<>();
    private final Map<UUID, Integer> ofConnector = new HashMap<>();

    Taken(Room room) {
      this.room = room;
    }

    boolean mayStart(UUID workspaceId) {
      return room.ofWorkspace(workspaceId) > ofWorkspace.getOrDefault(workspaceId, 0);
    }

    boolean connectorMayStart(UUID connectorId) {
      return room.ofConnector(connectorId) > ofConnector.getOrDefault(connectorId, 0);
    }

    void add(Waiting job) {
      jobs.add(job);
      ofWorkspace.merge(key(job.workspaceId()), 1, Integer::sum);
      ofConnector.merge(key(job.connectorId()), 1, Integer::sum);
    }
  }
}

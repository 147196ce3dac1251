package dev.connectorengine.worker.execution;

/**
 * Told when a transaction that changed statuses has committed: the database wrote their events to
 * the outbox with the changes, and they can leave now rather than at the relay's next poll.
 * Implementations return at once and never throw.
 */
public interface StatusEventsWritten {

  void committed();
}

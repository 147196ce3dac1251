package dev.connectorengine.worker.events;

import dev.connectorengine.model.messaging.ExecutionEvent;

/** A row of the outbox: its position in it, and the event it holds. */
record OutboxEvent(long id, ExecutionEvent event) {}

package dev.connectorengine.worker.execution;

import java.util.UUID;

/** The fenced terminal write of one claimed run. */
record TerminalWrite(UUID id, int attempt, RunOutcome outcome) {}

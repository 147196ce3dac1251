package dev.connectorengine.worker.execution;

import java.time.Duration;

/**
 * The limits of one sweep.
 *
 * @param batchSize most rows changed per kind of repair
 * @param maxAttempts claims a run gets before an expired lease ends it as "worker lost"
 * @param republishAfter how long a pending run may stay untouched before its job is republished
 * @param overdueGrace how long past its deadline a running run is left to its own worker
 */
public record SweepRules(
    int batchSize, int maxAttempts, Duration republishAfter, Duration overdueGrace) {}

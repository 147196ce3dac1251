package dev.connectorengine.worker.credential;

import dev.connectorengine.worker.batch.JdbcArrays;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records when credentials were last used, at most once a minute each: inside the terminal
 * transaction of the runs that used them (no commit of its own), and only for credentials this
 * worker has not written within the minute, so most batches send no statement at all.
 */
@Component
public class CredentialUses {

  static final Duration THROTTLE = Duration.ofMinutes(1);

  // Other workers write the same rows: the stored time guards the minute across them, and SKIP
  // LOCKED keeps a terminal write from ever waiting on (or deadlocking over) a credential's row.
  private static final String TOUCH =
      """
      WITH due AS (
        SELECT id FROM workspace_api_credentials
         WHERE id = ANY(CAST(:ids AS uuid[]))
           AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
         ORDER BY id
         FOR UPDATE SKIP LOCKED)
      UPDATE workspace_api_credentials c SET last_used_at = now()
        FROM due WHERE c.id = due.id
      """;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<UUID, Instant> lastWritten = new ConcurrentHashMap<>();

  public CredentialUses(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Marks the credentials used now, those not written within the minute; runs in the caller's
   * transaction.
   */
  public void record(Collection<UUID> used) {
    if (used.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    lastWritten.values().removeIf(at -> !at.plus(THROTTLE).isAfter(now));
    List<UUID> due = new TreeSet<>(used).stream().filter(id -> claim(id, now)).toList();
    if (due.isEmpty()) {
      return;
    }
    jdbc.sql(TOUCH).param("ids", JdbcArrays.of("uuid", due.toArray())).update();
  }

  /** True for the one caller that may write {@code id} this minute. */
  private boolean claim(UUID id, Instant now) {
    Instant previous = lastWritten.putIfAbsent(id, now);
    return previous == null;
  }
}

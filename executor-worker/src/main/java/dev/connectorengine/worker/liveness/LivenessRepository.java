package dev.connectorengine.worker.liveness;

import dev.connectorengine.worker.database.ControlDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/**
 * The {@code worker_liveness} rows of this worker's incarnations, on the control pool. Each
 * statement answers the database's clock, which the worker's {@link DatabaseClock} follows.
 */
@Repository
class LivenessRepository {

  private static final String REGISTER =
      """
      INSERT INTO worker_liveness (owner, expires_at)
      VALUES (:owner, clock_timestamp() + :ttlMs * interval '1 millisecond')
      RETURNING clock_timestamp() AS at
      """;

  // An expired row stays expired: a sweeper may already have taken its runs. The row is locked
  // first and checked in a statement of its own: an UPDATE that waited on a lock would go on with
  // the row as it read it before the wait, expired meanwhile or not.
  private static final String LOCK =
      "SELECT owner FROM worker_liveness WHERE owner = :owner FOR UPDATE";

  private static final String RENEW =
      """
      UPDATE worker_liveness
      SET expires_at = clock_timestamp() + :ttlMs * interval '1 millisecond'
      WHERE owner = :owner AND expires_at > clock_timestamp()
      RETURNING clock_timestamp() AS at
      """;

  private static final String RETIRE =
      "UPDATE worker_liveness SET expires_at = clock_timestamp() WHERE owner = :owner";

  private static final String COUNT_LIVE =
      "SELECT count(*) FROM worker_liveness WHERE expires_at > clock_timestamp()";

  private final ControlDatabase database;

  LivenessRepository(ControlDatabase database) {
    this.database = database;
  }

  /** Adds a live row for {@code owner}; answers the database's time. */
  Instant register(String owner, Duration ttl) {
    return database
        .jdbc()
        .sql(REGISTER)
        .param("owner", owner)
        .param("ttlMs", ttl.toMillis())
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  /** Extends {@code owner}'s row if it has not expired; answers the database's time, or empty. */
  Optional<Instant> renew(String owner, Duration ttl) {
    return database
        .transactions()
        .execute(
            status -> {
              database.jdbc().sql(LOCK).param("owner", owner).query(String.class).optional();
              return database
                  .jdbc()
                  .sql(RENEW)
                  .param("owner", owner)
                  .param("ttlMs", ttl.toMillis())
                  .query(Timestamp.class)
                  .optional()
                  .map(Timestamp::toInstant);
            });
  }

  /** How many incarnations are alive now, across the cluster. */
  int countLive() {
    return database.jdbc().sql(COUNT_LIVE).query(Integer.class).single();
  }

  /** Ends {@code owner}'s row now, so anything it still holds is taken back at the next sweep. */
  void retire(String owner) {
    database.jdbc().sql(RETIRE).param("owner", owner).update();
  }
}

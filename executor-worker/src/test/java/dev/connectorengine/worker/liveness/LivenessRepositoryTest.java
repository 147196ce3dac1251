package dev.connectorengine.worker.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.database.ControlDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class LivenessRepositoryTest {

  private static FreshDatabase database;
  private static HikariDataSource dataSource;
  private static LivenessRepository repository;

  @BeforeAll
  static void createDatabase() {
    database = FreshDatabase.createMigrated();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(database.jdbcUrl());
    dataSource.setUsername(database.username());
    dataSource.setPassword(database.password());
    repository = new LivenessRepository(new ControlDatabase(dataSource));
  }

  @AfterAll
  static void dropDatabase() {
    dataSource.close();
    database.close();
  }

  @Test
  void a_live_row_is_renewed_and_an_expired_one_is_not() {
    repository.register("live-1", Duration.ofSeconds(5));
    repository.register("dead-1", Duration.ofMillis(1));

    assertThat(repository.renew("live-1", Duration.ofSeconds(5))).isPresent();
    assertThat(repository.renew("dead-1", Duration.ofSeconds(5))).isEmpty();
    assertThat(repository.renew("nobody", Duration.ofSeconds(5))).isEmpty();
  }

  @Test
  void live_workers_are_the_rows_not_yet_expired() {
    int before = new LiveWorkers(repository).countNow();
    repository.register("counted-1", Duration.ofSeconds(5));
    repository.register("counted-2", Duration.ofSeconds(5));
    repository.register("counted-dead", Duration.ofMillis(1));
    repository.retire("counted-2");

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> new LiveWorkers(repository).countNow() == before + 1);
  }

  @Test
  void a_row_that_expires_while_its_renewal_waits_on_a_lock_is_not_renewed() throws Exception {
    repository.register("waiting-1", Duration.ofMillis(300));
    CompletableFuture<Optional<Instant>> renewal;
    try (Connection blocker = database.connect()) {
      blocker.setAutoCommit(false);
      try (PreparedStatement lock =
          blocker.prepareStatement(
              "SELECT 1 FROM worker_liveness WHERE owner = 'waiting-1' FOR UPDATE")) {
        lock.executeQuery();
      }
      renewal =
          CompletableFuture.supplyAsync(() -> repository.renew("waiting-1", Duration.ofSeconds(5)));
      // Held past the row's expiry while the renewal waits on it.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  JdbcClient.create(dataSource)
                      .sql(
                          "SELECT expires_at < clock_timestamp() FROM worker_liveness"
                              + " WHERE owner = 'waiting-1'")
                      .query(Boolean.class)
                      .single());
      blocker.commit();
    }

    assertThat(renewal.get(5, TimeUnit.SECONDS)).isEmpty();
  }
}

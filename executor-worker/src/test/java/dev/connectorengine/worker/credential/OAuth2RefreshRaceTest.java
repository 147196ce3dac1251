package dev.connectorengine.worker.credential;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.connectorengine.worker.testdata.TestData.aCredential;
import static dev.connectorengine.worker.testdata.TestData.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.connectorengine.model.credential.CredentialSealer;
import dev.connectorengine.model.credential.CredentialType;
import dev.connectorengine.model.outbound.AllowedTargets;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.OutboundPermits;
import dev.connectorengine.model.outbound.TargetGuard;
import dev.connectorengine.model.outbound.TargetResolver;
import dev.connectorengine.testsupport.FreshDatabase;
import dev.connectorengine.worker.WorkerSettings;
import dev.connectorengine.worker.testdata.OwnerJdbc;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two workers (two token services with their own ids and clients, one database) racing for the same
 * expired oauth2 token: the database claim lets exactly one call the token endpoint.
 */
class OAuth2RefreshRaceTest {

  private static final String ACCESS_TOKEN = "at-canary-race-91";
  private static final FreshDatabase DATABASE = FreshDatabase.createMigrated();
  private static final WireMockServer API = new WireMockServer(options().dynamicPort());

  static {
    API.start();
  }

  @AfterAll
  static void stop() {
    API.stop();
    DATABASE.close();
  }

  private final JdbcClient jdbc = OwnerJdbc.of(DATABASE);
  private final CredentialSealer sealer =
      CredentialSealer.fromKeysetJson(CredentialSealer.generateKeysetJson());
  private UUID workspace;
  private String tokenPath;

  @BeforeEach
  void setUp() {
    workspace = aWorkspace(jdbc);
    tokenPath = "/" + UUID.randomUUID() + "/token";
    API.stubFor(
        post(urlPathEqualTo(tokenPath))
            .willReturn(
                okJson(
                        "{\"access_token\": \""
                            + ACCESS_TOKEN
                            + "\", \"token_type\": \"bearer\", \"expires_in\": 3600}")
                    // Slow enough that every racer arrives while the winner is refreshing.
                    .withFixedDelay(500)));
  }

  @Test
  void refresh_runs_once_when_two_workers_race_for_an_expired_token() throws Exception {
    OpenedCredential credential = expiredCredential();
    OAuth2Tokens workerA = tokens("worker-a");
    OAuth2Tokens workerB = tokens("worker-b");

    List<String> got = race(credential, workerA, workerB, 4, null);

    assertThat(got).hasSize(8).containsOnly(ACCESS_TOKEN);
    API.verify(1, postRequestedFor(urlPathEqualTo(tokenPath)));
    assertThat(claimedBy(credential.id())).isNull();
  }

  @Test
  void a_fresh_token_that_targets_rejected_is_replaced_once_for_every_racer() throws Exception {
    OpenedCredential credential = credentialWithToken("at-revoked", Instant.now().plusSeconds(600));

    List<String> got = race(credential, tokens("worker-a"), tokens("worker-b"), 4, "at-revoked");

    assertThat(got).hasSize(8).containsOnly(ACCESS_TOKEN);
    API.verify(1, postRequestedFor(urlPathEqualTo(tokenPath)));
    // A caller that was not told of the rejection gets the new token from the cache.
    assertThat(tokens("worker-c").accessToken(workspace, credential)).isEqualTo(ACCESS_TOKEN);
    API.verify(1, postRequestedFor(urlPathEqualTo(tokenPath)));
  }

  @Test
  void a_crashed_refreshers_claim_lapses_and_another_worker_refreshes() throws Exception {
    OpenedCredential credential = expiredCredential();
    jdbc.sql(
            "UPDATE workspace_api_credentials SET oauth_refresh_claimed_by = 'dead-worker/1',"
                + " oauth_refresh_claimed_until = now() + interval '1 second' WHERE id = ?")
        .params(credential.id())
        .update();

    String token = tokens("worker-a").accessToken(workspace, credential);

    assertThat(token).isEqualTo(ACCESS_TOKEN);
    API.verify(1, postRequestedFor(urlPathEqualTo(tokenPath)));
  }

  @Test
  void a_credential_replaced_during_a_refresh_does_not_get_the_old_token() throws Exception {
    OpenedCredential credential = expiredCredential();
    OAuth2Tokens worker = tokens("worker-a");
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    Future<String> refreshing = threads.submit(() -> worker.accessToken(workspace, credential));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> claimedBy(credential.id()) != null);

    // What PUT does: new values, no token, no claim.
    jdbc.sql(
            "UPDATE workspace_api_credentials SET oauth_access_token_sealed = NULL,"
                + " oauth_access_token_expires_at = NULL, oauth_refresh_claimed_by = NULL,"
                + " oauth_refresh_claimed_until = NULL WHERE id = ?")
        .params(credential.id())
        .update();
    String token = refreshing.get(10, TimeUnit.SECONDS);
    threads.shutdown();

    // The fenced write of the first refresh failed; the refresher went again for the new values.
    assertThat(token).isEqualTo(ACCESS_TOKEN);
    API.verify(2, postRequestedFor(urlPathEqualTo(tokenPath)));
  }

  private List<String> race(
      OpenedCredential credential, OAuth2Tokens a, OAuth2Tokens b, int each, String rejected)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> calls = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < each; i++) {
        for (OAuth2Tokens worker : List.of(a, b)) {
          calls.add(
              threads.submit(
                  () -> {
                    start.await();
                    return worker.accessToken(workspace, credential, () -> false, rejected);
                  }));
        }
      }
      start.countDown();
      List<String> tokens = new ArrayList<>();
      for (Future<String> call : calls) {
        tokens.add(call.get(20, TimeUnit.SECONDS));
      }
      return tokens;
    }
  }

  private OpenedCredential expiredCredential() {
    return credentialWithToken("at-expired", Instant.now().minusSeconds(5));
  }

  private OpenedCredential credentialWithToken(String token, Instant expiresAt) {
    Map<String, String> values =
        Map.of(
            "clientId", "client-1",
            "clientSecret", "secret-1",
            "tokenUrl", API.baseUrl() + tokenPath);
    UUID id = aCredential(jdbc, sealer, workspace, "crm", "oauth2", values);
    jdbc.sql(
            "UPDATE workspace_api_credentials SET oauth_access_token_sealed = ?,"
                + " oauth_access_token_expires_at = ? WHERE id = ?")
        .params(sealer.sealAccessToken(workspace, "crm", token), Timestamp.from(expiresAt), id)
        .update();
    return new OpenedCredential(id, "crm", CredentialType.OAUTH2, values);
  }

  private String claimedBy(UUID id) {
    return jdbc.sql("SELECT oauth_refresh_claimed_by FROM workspace_api_credentials WHERE id = ?")
        .params(id)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private OAuth2Tokens tokens(String workerId) {
    GuardedHttpClient http =
        new GuardedHttpClient(
            Duration.ofSeconds(5),
            new TargetGuard(TargetResolver.system(), AllowedTargets.of(true, List.of(), "test")));
    return new OAuth2Tokens(
        jdbc,
        sealer,
        http,
        OutboundPermits.NONE,
        Clock.systemUTC(),
        new CredentialSettings(
            null,
            new CredentialSettings.OAuth2(
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                Duration.ofMillis(50),
                Duration.ofSeconds(10))),
        WorkerSettings.of(workerId, Duration.ofSeconds(60)));
  }
}

package dev.connectorengine.model.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.connectorengine.model.outbound.AllowedTargets;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.TargetGuard;
import dev.connectorengine.model.outbound.TargetResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The token endpoint's answers, as a JDK HTTP server plays them, and what the client makes of them.
 */
class OAuth2TokenClientTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<String> seenAuthorization = new AtomicReference<>();
  private final AtomicReference<String> seenBody = new AtomicReference<>();
  private HttpServer server;
  private int status;
  private String answer;
  private GuardedHttpClient http;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/token",
        exchange -> {
          seenAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          seenBody.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    http =
        new GuardedHttpClient(
            Duration.ofSeconds(5),
            new TargetGuard(TargetResolver.system(), AllowedTargets.of(true, List.of(), "test")));
  }

  @AfterEach
  void stop() {
    http.close();
    server.stop(0);
  }

  @Test
  void client_credentials_authenticates_with_form_encoded_basic_and_asks_for_the_scopes()
      throws Exception {
    status = 200;
    answer = "{\"access_token\": \"at-1\", \"token_type\": \"Bearer\", \"expires_in\": 120}";

    OAuth2Token token =
        client()
            .fetch(
                "crm",
                Map.of(
                    "clientId", "id:1",
                    "clientSecret", "s&cret",
                    "scopes", "read, write",
                    "tokenUrl", url()));

    assertThat(token.accessToken()).isEqualTo("at-1");
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(120));
    assertThat(token.refreshToken()).isNull();
    // RFC 6749 §2.3.1: id and secret are form-encoded before base64.
    assertThat(seenAuthorization.get())
        .isEqualTo(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString("id%3A1:s%26cret".getBytes(StandardCharsets.UTF_8)));
    assertThat(seenBody.get()).isEqualTo("grant_type=client_credentials&scope=read+write");
  }

  @Test
  void a_refresh_token_uses_the_refresh_grant_and_a_new_one_is_handed_back() throws Exception {
    status = 200;
    answer = "{\"access_token\": \"at-2\", \"refresh_token\": \"rt-new\"}";

    OAuth2Token token = client().fetch("crm", values(Map.of("refreshToken", "rt-old")));

    assertThat(seenBody.get()).isEqualTo("grant_type=refresh_token&refresh_token=rt-old");
    assertThat(token.refreshToken()).isEqualTo("rt-new");
    assertThat(token.expiresAt()).isEqualTo(NOW.plus(OAuth2TokenClient.ASSUMED_LIFETIME));
  }

  @ParameterizedTest(name = "HTTP {0} {1} means re-authorisation")
  @CsvSource({"400, invalid_grant", "400, invalid_client", "401, ''", "403, ''"})
  void refusals_need_re_authorisation(int refusal, String error) {
    status = refusal;
    answer =
        error.isEmpty() ? "{}" : "{\"error\": \"" + error + "\", \"error_description\": \"x\"}";

    assertThatThrownBy(() -> client().fetch("crm", values(Map.of())))
        .isInstanceOf(OAuth2RefusedException.class)
        .hasMessageStartingWith("token endpoint of credential 'crm' answered HTTP " + refusal);
  }

  @ParameterizedTest(name = "HTTP {0} is retryable: {1}")
  @CsvSource({"500, true", "503, true", "429, true", "404, false"})
  void other_failures_do_not_mark_the_credential(int failure, boolean retryable) {
    status = failure;
    answer = "{}";

    assertThatThrownBy(() -> client().fetch("crm", values(Map.of())))
        .isInstanceOfSatisfying(
            OAuth2UnavailableException.class, e -> assertThat(e.retryable()).isEqualTo(retryable));
  }

  @Test
  void an_answer_over_the_clients_limit_fails_for_good_naming_the_limit() {
    status = 200;
    answer = "{\"access_token\": \"" + "a".repeat(2048) + "\"}";
    GuardedHttpClient small =
        new GuardedHttpClient(
            Duration.ofSeconds(5),
            new TargetGuard(TargetResolver.system(), AllowedTargets.of(true, List.of(), "test")),
            1024);
    OAuth2TokenClient client =
        new OAuth2TokenClient(small, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(() -> client.fetch("crm", values(Map.of())))
        .isInstanceOfSatisfying(
            OAuth2UnavailableException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessage("token endpoint of credential 'crm' sent an answer over 1 KiB");
    small.close();
  }

  @Test
  void the_token_endpoint_goes_through_the_ssrf_guard() {
    GuardedHttpClient guarded =
        new GuardedHttpClient(
            Duration.ofSeconds(5), new TargetGuard(TargetResolver.system(), AllowedTargets.none()));
    OAuth2TokenClient client =
        new OAuth2TokenClient(guarded, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(() -> client.fetch("crm", values(Map.of())))
        .isInstanceOfSatisfying(
            OAuth2UnavailableException.class, e -> assertThat(e.targetRefused()).isTrue())
        .hasMessageContaining("127.0.0.1 is a loopback address");
    guarded.close();
  }

  @Test
  void the_token_call_waits_for_its_hosts_permit_first() throws Exception {
    status = 200;
    answer = "{\"access_token\": \"at-1\", \"expires_in\": 120}";
    AtomicReference<String> asked = new AtomicReference<>();
    OAuth2TokenClient client =
        new OAuth2TokenClient(
            http,
            Duration.ofSeconds(5),
            Clock.fixed(NOW, ZoneOffset.UTC),
            (target, maxWait, abandoned) -> {
              asked.set(target + " within " + maxWait);
              return true;
            });

    assertThat(client.fetch("crm", values(Map.of())).accessToken()).isEqualTo("at-1");
    assertThat(asked.get()).isEqualTo(url() + " within PT5S");
  }

  @Test
  void no_permit_in_time_is_a_transient_failure_and_no_call() {
    OAuth2TokenClient client =
        new OAuth2TokenClient(
            http,
            Duration.ofSeconds(5),
            Clock.fixed(NOW, ZoneOffset.UTC),
            (target, maxWait, abandoned) -> false);

    assertThatThrownBy(() -> client.fetch("crm", values(Map.of())))
        .isInstanceOfSatisfying(
            OAuth2UnavailableException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessage(
            "token endpoint of credential 'crm' got no turn at its rate-limited host within 5000"
                + " ms");
    assertThat(seenBody.get()).isNull();
  }

  @Test
  void an_abandoned_wait_for_the_permit_ends_the_fetch() {
    OAuth2TokenClient client =
        new OAuth2TokenClient(
            http,
            Duration.ofSeconds(5),
            Clock.fixed(NOW, ZoneOffset.UTC),
            (target, maxWait, abandoned) -> {
              if (abandoned.getAsBoolean()) {
                throw new InterruptedException("abandoned");
              }
              return true;
            });

    assertThatThrownBy(() -> client.fetch("crm", values(Map.of()), () -> true))
        .isInstanceOf(InterruptedException.class);
    assertThat(seenBody.get()).isNull();
  }

  private OAuth2TokenClient client() {
    return new OAuth2TokenClient(http, Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private Map<String, String> values(Map<String, String> extra) {
    java.util.HashMap<String, String> values = new java.util.HashMap<>(extra);
    values.put("clientId", "id");
    values.put("clientSecret", "secret");
    values.put("tokenUrl", url());
    return values;
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }
}

package dev.connectorengine.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectorengine.api.ApiClient;
import dev.connectorengine.api.ApiClient.Answer;
import dev.connectorengine.api.ApiIntegrationTest;
import dev.connectorengine.api.TestConnectors;
import dev.connectorengine.api.TestDatabase;
import dev.connectorengine.testsupport.FreshDatabase;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@ApiIntegrationTest
@TestPropertySource(
    properties = {
      "connector-engine.rate-limit.requests-per-second=1",
      "connector-engine.rate-limit.burst=3"
    })
class RateLimitApiTest {

  static final FreshDatabase DB = FreshDatabase.createEmpty();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(DB, registry);
  }

  @Autowired MockMvc mvc;

  ApiClient api() {
    return new ApiClient(mvc);
  }

  @Test
  void a_key_over_its_burst_answers_429_with_retry_after_and_recovers() {
    String key = api().newWorkspaceKey("Busy");
    String other = api().newWorkspaceKey("Calm");

    for (int i = 0; i < 3; i++) {
      assertThat(api().get("/api/v1/connectors", key).status()).isEqualTo(200);
    }
    Answer limited = api().get("/api/v1/connectors", key);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.contentType()).isEqualTo("application/problem+json");
    assertThat(limited.json().get("status").asInt()).isEqualTo(429);
    assertThat(limited.json().get("title").stringValue()).isEqualTo("Too Many Requests");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
    assertThat(api().get("/api/v1/connectors", other).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(api().get("/api/v1/connectors", key).status()).isEqualTo(200));
  }

  @Test
  void the_admin_call_and_actuator_are_not_limited() {
    for (int i = 0; i < 6; i++) {
      api().newWorkspaceKey("Admin " + i);
      assertThat(api().get("/actuator/health/liveness", null).status()).isEqualTo(200);
    }
  }

  @Test
  void an_unknown_key_is_refused_401_before_any_bucket() {
    for (int i = 0; i < 5; i++) {
      assertThat(api().get("/api/v1/connectors", "ce_" + "u".repeat(40)).status()).isEqualTo(401);
    }
  }

  @Test
  void a_batch_counts_as_one_request_per_100_items_or_part_thereof() {
    String root = api().newWorkspaceKey("Batches");
    String connector = connector(root);
    String batcher = api().newKey(root, "batcher", "execute").key();
    String over = api().newKey(root, "over", "execute").key();

    Answer three = batch(batcher, connector, 300);
    Answer again = batch(batcher, connector, 300);
    Answer four = batch(over, connector, 301);

    assertThat(three.status()).as(three.toString()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(429);
    assertThat(again.header("Retry-After")).isNotNull();
    // 301 items count as 4 requests: more than a key's burst of 3 could ever pay for.
    assertThat(four.status()).isEqualTo(422);
    assertThat(four.errorFields()).containsExactly("items");
    assertThat(four.json().at("/errors/0/message").stringValue()).startsWith("at most 300 items");
  }

  private String connector(String key) {
    Answer created = api().post("/api/v1/connectors", key, TestConnectors.ping("batched"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").stringValue();
  }

  private Answer batch(String key, String connector, int items) {
    return api()
        .post(
            "/api/v1/connectors/" + connector + "/executions/batch",
            key,
            Map.of("items", Collections.nCopies(items, Map.of())));
  }
}

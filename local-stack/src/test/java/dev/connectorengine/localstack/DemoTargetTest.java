package dev.connectorengine.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DemoTargetTest {

  private static DemoTarget target;
  private static ApiClient client;

  @BeforeAll
  static void start() {
    target = DemoTarget.start(0, "test-key");
    client = new ApiClient(target.baseUrl(), null);
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  @Test
  void people_answers_401_without_the_api_key() {
    assertThat(client.get("/people?email=ada@acme.io").status()).isEqualTo(401);
    assertThat(client.get("/people?email=ada@acme.io", DemoTarget.API_KEY_HEADER, "wrong").status())
        .isEqualTo(401);
  }

  @Test
  void people_finds_a_person_with_the_company_of_the_email_domain() {
    JsonNode body =
        client
            .get("/people?email=ada%40acme.io", DemoTarget.API_KEY_HEADER, "test-key")
            .expect(200)
            .json();

    assertThat(body.path("data").get(0).path("id").asString()).startsWith("p-");
    assertThat(body.path("data").get(0).path("company").asString()).isEqualTo("acme");
  }

  @Test
  void enrich_answers_the_company_size_as_a_number() {
    JsonNode body =
        client
            .post("/companies/enrich", Map.of("personId", "p-1", "company", "acme"))
            .expect(200)
            .json();

    assertThat(body.path("company").path("name").asString()).isEqualTo("Acme");
    assertThat(body.path("company").path("size").isNumber()).isTrue();
  }

  @Test
  void put_contact_stores_and_echoes_the_body() {
    JsonNode body =
        client
            .put("/contacts/p-7", Map.of("companyName", "Acme", "employees", 42))
            .expect(200)
            .json();

    assertThat(body.path("id").asString()).isEqualTo("p-7");
    assertThat(body.path("employees").asInt()).isEqualTo(42);
    assertThat(target.contact("p-7").path("companyName").asString()).isEqualTo("Acme");
  }

  @Test
  void a_slow_target_answers_only_after_its_delay() {
    try (DemoTarget slow = DemoTarget.start(0, "test-key", Duration.ofMillis(300))) {
      ApiClient slowClient = new ApiClient(slow.baseUrl(), null);
      long start = System.nanoTime();

      ApiResponse answer =
          slowClient.post("/companies/enrich", Map.of("personId", "p-1", "company", "acme"));

      assertThat(answer.status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }
}

package dev.connectorengine.worker.run;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.connectorengine.worker.run.ActionStepHarness.API;
import static dev.connectorengine.worker.testdata.ActionSteps.actionStep;
import static dev.connectorengine.worker.testdata.ExecutionAssert.assertThatExecution;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectorengine.model.integration.PaginationSpec;
import dev.connectorengine.worker.testdata.ActionSteps.ActionStepBuilder;
import dev.connectorengine.worker.testdata.ExecutionRow;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Action answers fetched page by page (cursor, page number and {@code Link} header styles, up to a
 * page limit, items concatenated) and reused from the answer cache within the TTL.
 */
class ActionPagingAndCachingTest extends ActionStepHarness {

  @Test
  void cursor_pages_are_fetched_until_no_cursor_comes_and_their_items_concatenated() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("cursor", absent())
            .willReturn(okJson("{\"data\": [1, 2], \"meta\": {\"next\": \"c2\"}}")));
    API.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("cursor", equalTo("c2"))
            .willReturn(okJson("{\"data\": [3], \"meta\": {\"next\": null}}")));

    ExecutionRow row =
        run(
            paged(new PaginationSpec("cursor", "$.data", null, "$.meta.next", "cursor", null, null))
                .build(),
            "{}");

    assertThatExecution(row).hasStatus("success");
    assertThat(row.steps().getFirst().output().get("data").toString()).isEqualTo("[1,2,3]");
    assertThat(logsOf(row.id())).hasSize(2);
  }

  @Test
  void numbered_pages_stop_at_the_first_empty_page() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("page", absent())
            .willReturn(okJson("{\"items\": [\"a\"]}")));
    API.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson("{\"items\": [\"b\"]}")));
    API.stubFor(
        get(urlPathEqualTo(path))
            .withQueryParam("page", equalTo("3"))
            .willReturn(okJson("{\"items\": []}")));

    ExecutionRow row =
        run(
            paged(new PaginationSpec("page", "$.items", null, null, null, "page", null)).build(),
            "{}");

    assertThat(row.steps().getFirst().output().get("items").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(logsOf(row.id())).hasSize(3);
  }

  @Test
  void link_header_pages_are_followed_up_to_the_page_limit() {
    for (int page = 1; page <= 3; page++) {
      API.stubFor(
          get(urlPathEqualTo(path + (page == 1 ? "" : "/" + page)))
              .willReturn(
                  okJson("[" + page + "]")
                      .withHeader(
                          "Link",
                          "<"
                              + path
                              + "/"
                              + (page + 1)
                              + ">; rel=\"next\", <"
                              + path
                              + "/9>; rel=\"last\"")));
    }

    ExecutionRow row =
        run(paged(new PaginationSpec("link", "$", 2, null, null, null, null)).build(), "{}");

    assertThat(row.steps().getFirst().output().toString()).isEqualTo("[1,2]");
    API.verify(exactly(0), getRequestedFor(urlPathEqualTo(path + "/3")));
  }

  @Test
  void a_link_to_another_origin_is_not_followed_and_fails_the_step() {
    API.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(
                okJson("[1]").withHeader("Link", "<https://elsewhere.example.test/p2>; rel=next")));

    ExecutionRow row =
        run(paged(new PaginationSpec("link", "$", null, null, null, null, null)).build(), "{}");

    assertThatExecution(row)
        .hasStatus("failed")
        .hasErrorMessageContaining("leaves the integration's base URL");
  }

  @Test
  void a_cacheable_answer_is_reused_for_the_same_input_and_version_only() {
    API.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"id\": \"p-1\"}")));
    UUID action = UUID.randomUUID();
    ActionStepBuilder cached =
        actionStep("person", API.baseUrl(), path)
            .input("{\"email\": \"{{ input.email }}\", \"n\": 1}")
            .cachedFor(300)
            .action(action, 1);

    ExecutionRow first = run(cached.build(), "{\"email\": \"ada@example.com\"}");
    ExecutionRow second = run(cached.build(), "{\"email\": \"ada@example.com\"}");
    run(cached.build(), "{\"email\": \"bob@example.com\"}");
    run(cached.action(action, 2).build(), "{\"email\": \"ada@example.com\"}");

    assertThatExecution(second).hasStatus("success");
    assertThat(second.steps().getFirst().output()).isEqualTo(first.steps().getFirst().output());
    assertThat(second.steps().getFirst().attempts()).isZero();
    assertThat(logsOf(second.id())).isEmpty();
    API.verify(exactly(3), getRequestedFor(urlPathEqualTo(path)));
    Long ttl =
        jdbc.sql(
                "SELECT max(extract(epoch FROM expires_at - now()))::bigint FROM"
                    + " action_answer_cache WHERE action_id = ?")
            .param(action)
            .query(Long.class)
            .single();
    assertThat(ttl).isBetween(290L, 300L);
  }

  private ActionStepBuilder paged(PaginationSpec pagination) {
    return actionStep("list", API.baseUrl(), path).pagination(pagination);
  }
}

package dev.connectorengine.worker.webhook;

import dev.connectorengine.model.execution.ExecutionView;
import dev.connectorengine.model.outbound.GuardedHttpClient;
import dev.connectorengine.model.outbound.OutboundAnswer;
import dev.connectorengine.model.outbound.OutboundRequest;
import dev.connectorengine.model.outbound.TargetRefusedException;
import dev.connectorengine.model.webhook.DeliveryAttempt;
import dev.connectorengine.model.webhook.WebhookSecret;
import dev.connectorengine.model.webhook.WebhookSignature;
import dev.connectorengine.worker.run.RetryAfter;
import dev.connectorengine.worker.webhook.AttemptResult.Verdict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Makes one attempt of a delivery: renders the body, signs it (Standard Webhooks), POSTs it through
 * the SSRF guard without following redirects, keeps the first bytes of the answer, and judges it:
 * 2xx delivered; 429, 5xx, 3xx, timeouts and connection errors tried again; other answers never.
 * Neither the body nor a secret is ever logged or kept.
 */
@Component
class WebhookSender {

  private static final String USER_AGENT = "ConnectorEngine-Webhooks/1";

  private final GuardedHttpClient http;
  private final DeliveryRepository deliveries;
  private final SigningSecrets secrets;
  private final WebhookSettings settings;
  private final Clock clock;

  WebhookSender(
      GuardedHttpClient http,
      DeliveryRepository deliveries,
      SigningSecrets secrets,
      WebhookSettings settings,
      Clock clock) {
    this.http = http;
    this.deliveries = deliveries;
    this.secrets = secrets;
    this.settings = settings;
    this.clock = clock;
  }

  AttemptResult attempt(ClaimedDelivery delivery) {
    Instant at = clock.instant();
    long start = System.nanoTime();
    if (delivery.endpointGone()) {
      return result(Verdict.GIVE_UP, at, start, null, "endpoint deleted", null, null);
    }
    URI uri;
    try {
      uri = URI.create(delivery.url());
    } catch (IllegalArgumentException e) {
      return result(Verdict.GIVE_UP, at, start, null, "not a valid URL", null, null);
    }
    Optional<ExecutionView> execution = deliveries.execution(delivery.executionId());
    if (execution.isEmpty()) {
      return result(Verdict.GIVE_UP, at, start, null, "execution no longer exists", null, null);
    }
    byte[] body =
        WebhookPayload.render(delivery.eventType(), delivery.createdAt(), execution.get())
            .getBytes(StandardCharsets.UTF_8);
    List<WebhookSecret> signing = secrets.of(delivery.workspaceId(), at);
    long timestamp = at.getEpochSecond();
    Map<String, String> headers =
        Map.of(
            "Content-Type", "application/json",
            "User-Agent", USER_AGENT,
            "webhook-id", delivery.messageId(),
            "webhook-timestamp", Long.toString(timestamp),
            "webhook-signature",
                WebhookSignature.header(delivery.messageId(), timestamp, body, signing));
    OutboundRequest request =
        new OutboundRequest("POST", uri, headers, new String(body, StandardCharsets.UTF_8));
    try {
      OutboundAnswer answer =
          http.sendOnce(request, settings.attemptTimeout(), settings.responseExcerptBytes());
      return judge(answer, at, start);
    } catch (TargetRefusedException e) {
      return result(
          Verdict.GIVE_UP, at, start, null, "target refused: " + e.getMessage(), null, null);
    } catch (HttpTimeoutException e) {
      return result(
          Verdict.RETRY,
          at,
          start,
          null,
          "no answer within " + settings.attemptTimeout().toMillis() + " ms",
          null,
          null);
    } catch (IOException e) {
      return result(
          Verdict.RETRY, at, start, null, "connection failed: " + describe(e), null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return result(Verdict.RETRY, at, start, null, "interrupted (worker stopping)", null, null);
    } catch (IllegalArgumentException e) {
      return result(Verdict.GIVE_UP, at, start, null, "cannot send: " + e.getMessage(), null, null);
    }
  }

  private AttemptResult judge(OutboundAnswer answer, Instant at, long start) {
    int status = answer.status();
    String excerpt = answer.body().length == 0 ? null : answer.bodyText();
    if (answer.isSuccess()) {
      return result(Verdict.DELIVERED, at, start, status, null, excerpt, null);
    }
    if (status == 429 || status >= 500) {
      Duration retryAfter = RetryAfter.in(answer.headers(), clock.instant()).orElse(null);
      return result(Verdict.RETRY, at, start, status, "HTTP " + status, excerpt, retryAfter);
    }
    if (status >= 300 && status < 400) {
      return result(
          Verdict.RETRY,
          at,
          start,
          status,
          "HTTP " + status + ": redirects are not followed",
          excerpt,
          null);
    }
    return result(Verdict.GIVE_UP, at, start, status, "HTTP " + status, excerpt, null);
  }

  private static AttemptResult result(
      Verdict verdict,
      Instant at,
      long start,
      Integer httpStatus,
      String error,
      String response,
      Duration retryAfter) {
    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new AttemptResult(
        verdict, new DeliveryAttempt(at, httpStatus, latency, error, response), retryAfter);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}

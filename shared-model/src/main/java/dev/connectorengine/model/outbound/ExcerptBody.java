package dev.connectorengine.model.outbound;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first bytes of an answer's body and reads no more: once it has them, the subscription
 * is cancelled (the JDK closes the connection) and the body is what was kept. For callers that
 * record an excerpt of any answer, however large, rather than fail on a large one.
 */
final class ExcerptBody implements BodyHandler<byte[]> {

  private final int keep;

  ExcerptBody(int keep) {
    if (keep < 0) {
      throw new IllegalArgumentException("keep must not be negative: " + keep);
    }
    this.keep = keep;
  }

  @Override
  public BodySubscriber<byte[]> apply(ResponseInfo info) {
    return new Excerpt(keep);
  }

  /** Subscriber calls are serialized (reactive streams §1.3): plain fields suffice. */
  private static final class Excerpt implements BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int keep;
    private Flow.Subscription subscription;

    Excerpt(int keep) {
      this.keep = keep;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (keep == 0) {
        finish();
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        int take = Math.min(buffer.remaining(), keep - kept.size());
        byte[] bytes = new byte[take];
        buffer.get(bytes);
        kept.writeBytes(bytes);
      }
      if (kept.size() >= keep) {
        finish();
      }
    }

    @Override
    public void onError(Throwable failure) {
      if (!body.isDone()) {
        // What came before the failure is still a fair excerpt of the answer.
        body.complete(kept.toByteArray());
      }
    }

    @Override
    public void onComplete() {
      body.complete(kept.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    private void finish() {
      body.complete(kept.toByteArray());
      subscription.cancel();
    }
  }
}

package dev.connectorengine.model.outbound;

import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an answer's body whole, up to a limit: a declared {@code Content-Length} over it fails at
 * once, and a body that passes it fails as the count does. Either way the subscription is
 * cancelled, which makes the JDK close the connection instead of reading the rest.
 *
 * <p>Not the JDK's {@code BodySubscribers.limiting}: its failure is a plain {@code IOException},
 * which callers could not tell from a broken connection.
 */
final class BoundedBody implements BodyHandler<byte[]> {

  private final long limit;
  private final boolean head;

  /**
   * @param method the request's method: a HEAD answer declares a length it has no body for
   */
  BoundedBody(long limit, String method) {
    this.limit = limit;
    this.head = method.equals("HEAD");
  }

  @Override
  public BodySubscriber<byte[]> apply(ResponseInfo info) {
    return new Bounded(limit, info.statusCode(), !head && declaredLength(info) > limit);
  }

  private static long declaredLength(ResponseInfo info) {
    try {
      return info.headers().firstValueAsLong("content-length").orElse(-1);
    } catch (NumberFormatException e) {
      return -1; // the JDK frames the body itself and fails it if it is broken
    }
  }

  /** Subscriber calls are serialized (reactive streams §1.3): plain fields suffice. */
  private static final class Bounded implements BodySubscriber<byte[]> {

    private final BodySubscriber<byte[]> bytes = BodySubscribers.ofByteArray();
    private final long limit;
    private final int status;
    private final boolean declaredOver;
    private Flow.Subscription subscription;
    private long received;
    private boolean done;

    Bounded(long limit, int status, boolean declaredOver) {
      this.limit = limit;
      this.status = status;
      this.declaredOver = declaredOver;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (declaredOver) {
        tooLarge();
      } else {
        bytes.onSubscribe(subscription);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (done) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        received += buffer.remaining();
      }
      if (received > limit) {
        tooLarge();
      } else {
        bytes.onNext(buffers);
      }
    }

    @Override
    public void onError(Throwable failure) {
      if (!done) {
        done = true;
        bytes.onError(failure);
      }
    }

    @Override
    public void onComplete() {
      if (!done) {
        done = true;
        bytes.onComplete();
      }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return bytes.getBody();
    }

    private void tooLarge() {
      done = true;
      bytes.onError(new AnswerTooLargeException(limit, status));
      subscription.cancel();
    }
  }
}

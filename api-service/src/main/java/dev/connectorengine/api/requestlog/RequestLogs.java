package dev.connectorengine.api.requestlog;

import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import dev.connectorengine.model.execution.StorableText;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The workspace's request log: pages of it, and the rows of credential tests. */
@Service
public class RequestLogs {

  private final RequestLogRepository rows;
  private final Clock clock;

  RequestLogs(RequestLogRepository rows, Clock clock) {
    this.rows = rows;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  Page<RequestLogView> page(
      UUID workspaceId, RequestLogFilter filter, KeysetCursor after, int limit) {
    List<RequestLogView> found = rows.page(workspaceId, filter, after, limit + 1);
    if (found.size() <= limit) {
      return new Page<>(found, null);
    }
    List<RequestLogView> page = List.copyOf(found.subList(0, limit));
    RequestLogView last = page.getLast();
    return new Page<>(page, new KeysetCursor(last.createdAt(), last.id()).encode());
  }

  /** Logs a credential test's call, in the transaction that records the test's outcome. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordCredentialTest(UUID workspaceId, CredentialTestCall call) {
    rows.insertCredentialTest(
        workspaceId,
        new CredentialTestCall(
            StorableText.clean(call.service()),
            StorableText.clean(call.method()),
            StorableText.clean(call.url()),
            call.httpStatus(),
            call.latencyMs(),
            StorableText.clean(call.error()),
            StorableText.clean(call.responseContentType()),
            call.responseSize()),
        clock.instant());
  }
}

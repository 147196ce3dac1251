package dev.connectorengine.api.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs one page of a workspace's list, newest first by {@code (created_at, id)}: the first page, or
 * the rows after a cursor. The queries take {@code :workspaceId} and {@code :limit}, and the
 * next-page one also {@code :cursorAt} and {@code :cursorId}.
 */
public final class KeysetPages {

  private KeysetPages() {}

  public static <T> List<T> page(
      JdbcClient jdbc,
      String firstPage,
      String nextPage,
      UUID workspaceId,
      KeysetCursor after,
      int limit,
      RowMapper<T> rows) {
    if (after == null) {
      return jdbc.sql(firstPage)
          .param("workspaceId", workspaceId)
          .param("limit", limit)
          .query(rows)
          .list();
    }
    return jdbc.sql(nextPage)
        .param("workspaceId", workspaceId)
        .param("cursorAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
        .param("cursorId", after.id())
        .param("limit", limit)
        .query(rows)
        .list();
  }
}

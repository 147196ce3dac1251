package dev.connectorengine.model.integration;

/**
 * How an action fetches further pages of an answer. Every page's array at {@code itemsPath} is
 * concatenated into the first page's body at that path; fetching stops when there is no next page
 * or after {@code maxPages} pages.
 *
 * @param style {@code cursor} (the next cursor is read from the body at {@code cursorPath} and sent
 *     as query parameter {@code cursorParam}; no cursor, an empty one or null ends), {@code page}
 *     (query parameter {@code pageParam} counts up from {@code startPage}; a page with no items
 *     ends) or {@code link} (RFC 8288 {@code Link} header with {@code rel="next"}, which must stay
 *     on the integration's scheme, host and port)
 * @param itemsPath JSON path of each page's array, e.g. {@code $.data}
 * @param maxPages most pages fetched, the first included (1 to {@value #MAX_PAGES}); null for
 *     {@value #DEFAULT_MAX_PAGES}
 * @param cursorPath cursor style: JSON path of the next cursor in the body
 * @param cursorParam cursor style: query parameter the cursor is sent in
 * @param pageParam page style: query parameter of the page number
 * @param startPage page style: the first page's number; null for 1
 */
public record PaginationSpec(
    String style,
    String itemsPath,
    Integer maxPages,
    String cursorPath,
    String cursorParam,
    String pageParam,
    Integer startPage) {

  /** Most pages an action may fetch for one call. */
  public static final int MAX_PAGES = 100;

  /** Pages fetched when an action names no limit. */
  public static final int DEFAULT_MAX_PAGES = 10;

  /** {@link #maxPages()} or its default. */
  public int pageLimit() {
    return maxPages == null ? DEFAULT_MAX_PAGES : maxPages;
  }

  /** {@link #startPage()} or its default. */
  public int firstPage() {
    return startPage == null ? 1 : startPage;
  }
}

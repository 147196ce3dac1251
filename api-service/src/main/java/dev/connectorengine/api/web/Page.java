package dev.connectorengine.api.web;

import java.util.List;

/**
 * One page of a list, newest first.
 *
 * @param items this page's entries
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {}

package dev.connectorengine.api.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of a list, newest first.
 *
 * @param items this page's entries
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record Page<T>(@Schema(requiredMode = REQUIRED) List<T> items, String nextCursor) {}

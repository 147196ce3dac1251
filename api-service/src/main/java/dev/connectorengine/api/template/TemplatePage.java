package dev.connectorengine.api.template;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of templates (offset paging: the sorts by rating and popularity move under a reader, so
 * a page may repeat or skip an entry that moved; the catalogue is small and read by people).
 *
 * @param nextOffset pass as {@code offset} for the next page; null on the last page
 */
record TemplatePage(
    @Schema(requiredMode = REQUIRED) List<TemplateView> items, int offset, Integer nextOffset) {}

package dev.connectorengine.api.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Describes, under OpenAPI 3.1's {@code webhooks}, what a webhook endpoint receives when an
 * execution ends: a signed POST (Standard Webhooks headers) of {@code {type, timestamp, data}} with
 * the execution as {@code GET /api/v1/executions/{id}} shows it. Only the description lives here.
 */
@Component
class ExecutionWebhooks implements OpenApiCustomizer {

  // Not "Webhooks": that names the calls that manage endpoints.
  private static final String TAG = "Webhook events";

  static final String EVENT_SCHEMA = "ExecutionWebhookEvent";

  /** Event type to the execution status it reports. */
  static final Map<String, String> EVENTS =
      Map.of(
          "execution.succeeded", "success",
          "execution.failed", "failed",
          "execution.timed_out", "timeout",
          "execution.cancelled", "cancelled");

  @Override
  public void customise(OpenAPI openApi) {
    openApi.getComponents().addSchemas(EVENT_SCHEMA, eventSchema());
    Map<String, PathItem> webhooks = new TreeMap<>();
    EVENTS.forEach(
        (type, status) -> webhooks.put(type, new PathItem().post(delivery(type, status))));
    openApi.setWebhooks(webhooks);
    if (openApi.getTags() == null
        || openApi.getTags().stream().noneMatch(t -> TAG.equals(t.getName()))) {
      openApi.addTagsItem(
          new Tag()
              .name(TAG)
              .description("What this API sends to the webhook endpoints of a workspace."));
    }
  }

  private static Operation delivery(String type, String status) {
    return new Operation()
        .operationId(operationId(type))
        .summary("An execution ended " + status)
        .description(
            "Sent to each enabled webhook endpoint subscribed to `"
                + type
                + "` when an execution ends with the status `"
                + status
                + "`. A 2xx answer acknowledges it; anything else, or no answer in time, is"
                + " retried later. Verify `webhook-signature` before trusting the body.")
        .tags(List.of(TAG))
        .security(List.of())
        .parameters(
            List.of(
                header("webhook-id", "the delivery's id: the same on every retry, to deduplicate"),
                header("webhook-timestamp", "seconds since the epoch when this attempt was sent"),
                header(
                    "webhook-signature",
                    "`v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` with"
                        + " the endpoint's secret (Standard Webhooks); it may hold several, space-separated")))
        .requestBody(
            new RequestBody()
                .required(true)
                .content(
                    new Content()
                        .addMediaType(
                            "application/json",
                            new MediaType()
                                .schema(
                                    new Schema<>()
                                        .allOf(
                                            List.of(
                                                new Schema<>()
                                                    .$ref("#/components/schemas/" + EVENT_SCHEMA),
                                                new ObjectSchema()
                                                    .addProperty(
                                                        "type",
                                                        new StringSchema()._const(type))))))))
        .responses(
            new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("received"))
                .addApiResponse(
                    "default", new ApiResponse().description("not received: retried later")));
  }

  private static Schema<?> eventSchema() {
    return new ObjectSchema()
        .description("The end of an execution, as a webhook endpoint receives it")
        .addProperty(
            "type",
            new StringSchema()
                ._enum(List.copyOf(new TreeMap<>(EVENTS).keySet()))
                .description("the event"))
        .addProperty(
            "timestamp",
            new StringSchema().format("date-time").description("when the execution ended"))
        .addProperty(
            "data",
            new Schema<>().$ref("#/components/schemas/Execution").description("the execution"))
        .required(List.of("type", "timestamp", "data"));
  }

  private static Parameter header(String name, String description) {
    return new HeaderParameter()
        .name(name)
        .required(true)
        .description(description)
        .schema(new StringSchema());
  }

  private static String operationId(String type) {
    String[] parts = type.replace('.', '_').split("_");
    StringBuilder id = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      id.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return id.append("Webhook").toString();
  }
}

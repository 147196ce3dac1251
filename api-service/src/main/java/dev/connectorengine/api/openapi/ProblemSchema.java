package dev.connectorengine.api.openapi;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;

/**
 * RFC 9457 problem details as every error of this API answers them, with the members our
 * ProblemHandler adds: {@code errors} (the fields at fault) and {@code requiredScope}.
 */
final class ProblemSchema {

  static final String NAME = "Problem";
  static final String MEDIA_TYPE = "application/problem+json";
  static final String REF = "#/components/schemas/" + NAME;

  private ProblemSchema() {}

  @SuppressWarnings("rawtypes")
  static Schema schema() {
    Schema<?> violation =
        new ObjectSchema()
            .addProperty("field", new StringSchema().description("e.g. `steps[0].request.url`"))
            .addProperty("message", new StringSchema().description("what is wrong with it"))
            .required(List.of("field", "message"));
    return new ObjectSchema()
        .description("RFC 9457 problem details")
        .addProperty(
            "type",
            new StringSchema()
                .format("uri-reference")
                .description("absent or `about:blank`: the status says it all"))
        .addProperty("title", new StringSchema().description("the status's reason phrase"))
        .addProperty("status", new IntegerSchema().description("the HTTP status"))
        .addProperty("detail", new StringSchema().description("what went wrong, for a person"))
        .addProperty(
            "instance", new StringSchema().format("uri-reference").description("the path called"))
        .addProperty(
            "errors",
            new ArraySchema()
                .items(violation)
                .description("the fields at fault (bad input only), each with its rule"))
        .addProperty(
            "requiredScope",
            new StringSchema()
                ._enum(List.of("read", "execute", "configure"))
                .description("on a 403 for a missing scope: the scope needed"))
        .addProperty(
            "connectorId",
            new StringSchema()
                .format("uuid")
                .description("on a 403 for a key limited to other connectors: the one refused"))
        .required(List.of("title", "status", "detail"));
  }
}

package dev.connectorengine.api.connector;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.openapi.ApiExamples;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/connectors}: the connectors of the caller's workspace. */
@RestController
@Tag(
    name = "Connectors",
    description =
        "HTTP pipelines of one or more steps, versioned on every change, with their run"
            + " statistics.")
@RequestMapping("/api/v1/connectors")
class ConnectorController {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final ConnectorService connectors;

  ConnectorController(ConnectorService connectors) {
    this.connectors = connectors;
  }

  @PostMapping
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "createConnector",
      summary = "Create a connector",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "enrichContact",
                              summary = "Two steps, the second reading the first's output",
                              value = ApiExamples.CONNECTOR_REQUEST))))
  @ApiResponse(
      responseCode = "201",
      description = "created: version 1, with empty statistics",
      headers =
          @Header(
              name = "Location",
              description = "the connector's URL",
              schema = @Schema(type = "string")))
  @ApiResponse(
      responseCode = "422",
      description = "the spec breaks a rule; `errors` names each field")
  ResponseEntity<ConnectorResponse> create(
      ApiPrincipal caller, @RequestBody ConnectorRequest request) {
    ConnectorResponse created = connectors.create(caller, request);
    return ResponseEntity.created(URI.create("/api/v1/connectors/" + created.id())).body(created);
  }

  @GetMapping
  @RequiresScope(Scope.READ)
  @Operation(operationId = "listConnectors", summary = "List connectors, newest first")
  @ApiResponse(
      responseCode = "200",
      description = "one page; pass `nextCursor` as `cursor` for the next")
  Page<ConnectorResponse> list(
      ApiPrincipal caller,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return connectors.list(
        caller.workspaceId(),
        KeysetCursor.decode(cursor),
        KeysetCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
  }

  @GetMapping("/{id}")
  @RequiresScope(Scope.READ)
  @Operation(operationId = "getConnector", summary = "Read a connector and its statistics")
  @ApiResponse(responseCode = "200", description = "the connector's current version")
  @ApiResponse(responseCode = "404", description = "no such connector in this workspace")
  ConnectorResponse get(ApiPrincipal caller, @PathVariable UUID id) {
    return connectors.get(caller.workspaceId(), id);
  }

  @PutMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(
      operationId = "replaceConnector",
      summary = "Replace a connector",
      description =
          "Saves the whole connector as a new version; runs already triggered keep theirs.")
  @ApiResponse(responseCode = "200", description = "the new version")
  @ApiResponse(responseCode = "404", description = "no such connector in this workspace")
  @ApiResponse(
      responseCode = "422",
      description = "the spec breaks a rule; `errors` names each field")
  ConnectorResponse replace(
      ApiPrincipal caller, @PathVariable UUID id, @RequestBody ConnectorRequest request) {
    return connectors.replace(caller, id, request);
  }

  @DeleteMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  @Operation(operationId = "deleteConnector", summary = "Delete a connector")
  @ApiResponse(responseCode = "204", description = "deleted")
  @ApiResponse(responseCode = "404", description = "no such connector in this workspace")
  ResponseEntity<Void> delete(ApiPrincipal caller, @PathVariable UUID id) {
    connectors.delete(caller, id);
    return ResponseEntity.noContent().build();
  }
}

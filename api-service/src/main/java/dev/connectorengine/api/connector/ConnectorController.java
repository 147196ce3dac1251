package dev.connectorengine.api.connector;

import dev.connectorengine.api.auth.ApiPrincipal;
import dev.connectorengine.api.auth.RequiresScope;
import dev.connectorengine.api.auth.Scope;
import dev.connectorengine.api.web.KeysetCursor;
import dev.connectorengine.api.web.Page;
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
  ResponseEntity<ConnectorResponse> create(
      ApiPrincipal caller, @RequestBody ConnectorRequest request) {
    ConnectorResponse created = connectors.create(caller, request);
    return ResponseEntity.created(URI.create("/api/v1/connectors/" + created.id())).body(created);
  }

  @GetMapping
  @RequiresScope(Scope.READ)
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
  ConnectorResponse get(ApiPrincipal caller, @PathVariable UUID id) {
    return connectors.get(caller.workspaceId(), id);
  }

  @PutMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  ConnectorResponse replace(
      ApiPrincipal caller, @PathVariable UUID id, @RequestBody ConnectorRequest request) {
    return connectors.replace(caller, id, request);
  }

  @DeleteMapping("/{id}")
  @RequiresScope(Scope.CONFIGURE)
  ResponseEntity<Void> delete(ApiPrincipal caller, @PathVariable UUID id) {
    connectors.delete(caller, id);
    return ResponseEntity.noContent().build();
  }
}

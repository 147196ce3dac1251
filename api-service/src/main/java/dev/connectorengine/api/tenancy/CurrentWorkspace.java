package dev.connectorengine.api.tenancy;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The workspace the current request acts for, once its API key is known. Every transaction the
 * request starts hands it to PostgreSQL (see {@link WorkspaceTransactionManager}), so row-level
 * security shows that workspace's rows and no other. Held per thread: the API runs each request on
 * a thread of its own, and {@link WorkspaceReleaseFilter} clears it when the request ends.
 */
@Component
public class CurrentWorkspace {

  private final ThreadLocal<UUID> workspace = new ThreadLocal<>();

  /** From now on, this thread's transactions act for {@code workspaceId}. */
  public void set(UUID workspaceId) {
    workspace.set(workspaceId);
  }

  /** This thread's transactions act for no workspace again, and so see no workspace rows. */
  public void clear() {
    workspace.remove();
  }

  /** The workspace this thread acts for, if any. */
  public Optional<UUID> get() {
    return Optional.ofNullable(workspace.get());
  }
}

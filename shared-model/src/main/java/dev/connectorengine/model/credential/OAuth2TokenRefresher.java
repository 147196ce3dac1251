package dev.connectorengine.model.credential;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Hands out an oauth2 credential's access token: the cached one while it is more than {@code
 * margin} from expiry, else a new one, fetched by exactly one refresher across all processes. The
 * winner of the database claim calls the token endpoint and writes the token fenced on its claim;
 * the others poll the row (on the caller's virtual thread) until the token is there, the credential
 * needs re-authorisation, or about the claim's lifetime has passed. A refresher that crashed holds
 * nothing: its claim lapses.
 */
public final class OAuth2TokenRefresher {

  private final OAuth2TokenStore store;
  private final CredentialSealer sealer;
  private final OAuth2TokenClient client;
  private final Clock clock;
  private final Settings settings;
  private final String owner;

  /**
   * @param owner names this process in claims (a worker id); each claim adds a random part
   */
  public OAuth2TokenRefresher(
      OAuth2TokenStore store,
      CredentialSealer sealer,
      OAuth2TokenClient client,
      Clock clock,
      Settings settings,
      String owner) {
    this.store = store;
    this.sealer = sealer;
    this.client = client;
    this.clock = clock;
    this.settings = settings;
    this.owner = owner;
  }

  /**
   * The credential's current access token.
   *
   * @throws OAuth2RefusedException when the credential needs re-authorisation (now or already)
   * @throws OAuth2UnavailableException when no token could be had this time
   * @throws InterruptedException when the caller was interrupted while waiting or calling
   */
  public String accessToken(UUID credentialId, UUID workspaceId, String service)
      throws OAuth2RefusedException, OAuth2UnavailableException, InterruptedException {
    return accessToken(credentialId, workspaceId, service, () -> false, null);
  }

  /**
   * The credential's current access token, giving up between polls, or while its token call waits
   * for its turn at a rate-limited host, when {@code abandoned} says so (a cancelled run), with an
   * {@link InterruptedException}. A cached token equal to {@code rejected} (one a target answered
   * 401 to) counts as expired: the first caller refreshes it, and callers holding the same rejected
   * token get the new one without another token call.
   *
   * @param rejected the token to replace, or null
   */
  public String accessToken(
      UUID credentialId,
      UUID workspaceId,
      String service,
      BooleanSupplier abandoned,
      String rejected)
      throws OAuth2RefusedException, OAuth2UnavailableException, InterruptedException {
    long waitUntil =
        System.nanoTime() + settings.claimTtl().plus(settings.pollInterval()).toNanos();
    while (true) {
      OAuth2TokenStore.State state = usable(store.read(credentialId), service);
      Optional<String> cached = usableToken(state, workspaceId, service, rejected);
      if (cached.isPresent()) {
        return cached.get();
      }
      String claimId = owner + "/" + UUID.randomUUID();
      Optional<OAuth2TokenStore.State> claimed =
          store.claim(credentialId, claimId, settings.claimTtl());
      if (claimed.isPresent()) {
        Optional<String> token =
            refresh(
                credentialId, workspaceId, service, claimId, claimed.get(), rejected, abandoned);
        if (token.isPresent()) {
          return token.get();
        }
        // The claim was lost while the endpoint answered (the credential was replaced): go again.
      } else if (System.nanoTime() - waitUntil > 0) {
        throw OAuth2UnavailableException.transientFailure(
            "credential '"
                + service
                + "': another refresh of its access token did not finish within "
                + settings.claimTtl().toMillis()
                + " ms");
      } else if (abandoned.getAsBoolean()) {
        throw new InterruptedException("stopped while waiting for another refresh");
      } else {
        Thread.sleep(settings.pollInterval());
      }
    }
  }

  private Optional<String> refresh(
      UUID credentialId,
      UUID workspaceId,
      String service,
      String claimId,
      OAuth2TokenStore.State claimed,
      String rejected,
      BooleanSupplier abandoned)
      throws OAuth2RefusedException, OAuth2UnavailableException, InterruptedException {
    Optional<String> cached = usableToken(claimed, workspaceId, service, rejected);
    if (cached.isPresent()) {
      // Another refresher finished between our read and our claim.
      store.release(credentialId, claimId);
      return cached;
    }
    Map<String, String> values;
    OAuth2Token token;
    try {
      values = sealer.open(workspaceId, service, claimed.sealedValues());
      token = client.fetch(service, values, abandoned);
    } catch (OAuth2RefusedException e) {
      store.markNeedsReauth(credentialId, claimId);
      throw e;
    } catch (OAuth2UnavailableException | InterruptedException | RuntimeException e) {
      store.release(credentialId, claimId);
      throw e;
    }
    byte[] newValues = null;
    if (token.refreshToken() != null
        && !Objects.equals(token.refreshToken(), values.get("refreshToken"))) {
      Map<String, String> replaced = new TreeMap<>(values);
      replaced.put("refreshToken", token.refreshToken());
      newValues = sealer.seal(workspaceId, service, replaced);
    }
    boolean saved =
        store.saveToken(
            credentialId,
            claimId,
            sealer.sealAccessToken(workspaceId, service, token.accessToken()),
            token.expiresAt(),
            newValues);
    return saved ? Optional.of(token.accessToken()) : Optional.empty();
  }

  /** The cached token, unless it is missing, near expiry or the rejected one. */
  private Optional<String> usableToken(
      OAuth2TokenStore.State state, UUID workspaceId, String service, String rejected) {
    if (!fresh(state)) {
      return Optional.empty();
    }
    String token = sealer.openAccessToken(workspaceId, service, state.sealedToken());
    return token.equals(rejected) ? Optional.empty() : Optional.of(token);
  }

  private boolean fresh(OAuth2TokenStore.State state) {
    return state.sealedToken() != null
        && state.tokenExpiresAt() != null
        && state.tokenExpiresAt().minus(settings.margin()).isAfter(clock.instant());
  }

  private static OAuth2TokenStore.State usable(
      Optional<OAuth2TokenStore.State> state, String service)
      throws OAuth2RefusedException, OAuth2UnavailableException {
    if (state.isEmpty()) {
      throw OAuth2UnavailableException.permanent(
          "credential '" + service + "' is not set up in this workspace");
    }
    String status = state.get().status();
    if (status.equals("needs_reauth")) {
      throw new OAuth2RefusedException("credential '" + service + "' needs re-authorisation");
    }
    if (!status.equals("active")) {
      throw OAuth2UnavailableException.permanent("credential '" + service + "' is " + status);
    }
    return state.get();
  }

  /**
   * How tokens are refreshed.
   *
   * @param margin a token this close to expiry is refreshed before use
   * @param claimTtl how long a refresh claim holds; a crashed refresher's claim lapses after it,
   *     and waiters wait about this long
   * @param pollInterval how often a waiter looks for the token another refresher is getting
   */
  public record Settings(Duration margin, Duration claimTtl, Duration pollInterval) {

    /** 60 s margin, 30 s claim, 100 ms polls. */
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMillis(100));
    }
  }
}

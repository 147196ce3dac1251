-- Connector Engine schema, version 4: the oauth2 access token cache and the refresh claim.

-- The access token of an oauth2 credential, sealed like sealed_values but with its own associated
-- data (service name + '#access_token'), so the two ciphertexts cannot be swapped; re-sealed by the
-- keyset command. The expiry is the token endpoint's expires_in from the time it answered.
-- One refresh at a time across all workers and API instances: a worker takes the claim with a
-- guarded UPDATE (free, or expired: a crashed refresher's claim simply lapses), calls the token
-- endpoint and writes the token fenced on its claim. claimed_by is unique per refresh attempt,
-- not per worker, so a worker whose claim lapsed cannot write over a newer refresh.
ALTER TABLE workspace_api_credentials
    ADD COLUMN oauth_access_token_sealed     bytea,
    ADD COLUMN oauth_access_token_expires_at timestamptz,
    ADD COLUMN oauth_refresh_claimed_by      text,
    ADD COLUMN oauth_refresh_claimed_until   timestamptz,
    ADD CONSTRAINT workspace_api_credentials_oauth_token_check
        CHECK ((oauth_access_token_sealed IS NULL) = (oauth_access_token_expires_at IS NULL)),
    ADD CONSTRAINT workspace_api_credentials_oauth_claim_check
        CHECK ((oauth_refresh_claimed_by IS NULL) = (oauth_refresh_claimed_until IS NULL));

package dev.connectorengine.worker.credential;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How credentials are opened ({@code connector-engine.credentials.*}).
 *
 * @param keyset the Tink AEAD keyset as JSON ({@code CREDENTIALS_KEYSET}); required
 */
@ConfigurationProperties("connector-engine.credentials")
record CredentialSettings(String keyset) {}

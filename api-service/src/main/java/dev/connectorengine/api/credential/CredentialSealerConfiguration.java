package dev.connectorengine.api.credential;

import dev.connectorengine.api.ApiSettings;
import dev.connectorengine.model.credential.CredentialSealer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sealer of credential values, from the configured Tink keyset; no keyset, no start. */
@Configuration
class CredentialSealerConfiguration {

  @Bean
  CredentialSealer credentialSealer(ApiSettings settings) {
    String keyset = settings.credentials().keyset();
    if (keyset == null || keyset.isBlank()) {
      throw new IllegalStateException(
          "CREDENTIALS_KEYSET (connector-engine.credentials.keyset) is not set: give it a Tink"
              + " AEAD keyset as JSON, e.g. from `tinkey create-keyset --key-template AES256_GCM`");
    }
    try {
      return CredentialSealer.fromKeysetJson(keyset);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "CREDENTIALS_KEYSET (connector-engine.credentials.keyset) is not a valid Tink AEAD"
              + " keyset in JSON form",
          e);
    }
  }
}

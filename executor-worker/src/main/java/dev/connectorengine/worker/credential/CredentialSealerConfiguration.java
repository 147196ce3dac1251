package dev.connectorengine.worker.credential;

import dev.connectorengine.model.credential.CredentialSealer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sealer that opens workspace credentials; the worker refuses to start without a keyset. */
@Configuration(proxyBeanMethods = false)
class CredentialSealerConfiguration {

  @Bean
  CredentialSealer credentialSealer(CredentialSettings settings) {
    if (settings.keyset() == null || settings.keyset().isBlank()) {
      throw new IllegalStateException(
          "CREDENTIALS_KEYSET (connector-engine.credentials.keyset) is not set: the worker needs"
              + " the Tink AEAD keyset, as JSON, that the API seals credentials with");
    }
    try {
      return CredentialSealer.fromKeysetJson(settings.keyset());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "CREDENTIALS_KEYSET (connector-engine.credentials.keyset) is not a valid Tink AEAD"
              + " keyset in JSON form",
          e);
    }
  }
}

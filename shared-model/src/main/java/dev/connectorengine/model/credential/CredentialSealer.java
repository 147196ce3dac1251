package dev.connectorengine.model.credential;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals and opens credential values with Tink AEAD (AES-256-GCM). The workspace id and service name
 * are the associated data, so a ciphertext copied to another workspace or service does not open. A
 * keyset may hold several keys: the primary seals, all of them open.
 */
public final class CredentialSealer {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<TreeMap<String, String>> VALUES = new TypeReference<>() {};

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** What follows the service name in the associated data of a sealed access token. */
  public static final String ACCESS_TOKEN_SUFFIX = "#access_token";

  private static final String ACCESS_TOKEN = "accessToken";

  private final Aead aead;

  private CredentialSealer(KeysetHandle keyset) throws GeneralSecurityException {
    this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  /**
   * A sealer from a Tink keyset in JSON form (as {@code tinkey create-keyset --key-template
   * AES256_GCM} writes it, or {@link #generateKeysetJson()}).
   *
   * @throws IllegalArgumentException when the text is not a usable AEAD keyset
   */
  public static CredentialSealer fromKeysetJson(String keysetJson) {
    try {
      return new CredentialSealer(
          TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("credential keyset is not a valid Tink AEAD keyset", e);
    }
  }

  /** A new keyset with one AES-256-GCM key, as JSON. */
  public static String generateKeysetJson() {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a Tink keyset", e);
    }
  }

  /** Seals a credential's values for one workspace and service. */
  public byte[] seal(UUID workspaceId, String serviceName, Map<String, String> values) {
    try {
      byte[] plaintext = MAPPER.writeValueAsBytes(new TreeMap<>(values));
      return aead.encrypt(plaintext, associatedData(workspaceId, serviceName));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal credential of service " + serviceName, e);
    }
  }

  /**
   * Opens values sealed for this workspace and service.
   *
   * @throws CredentialSealException when the ciphertext was sealed for another workspace or
   *     service, with an unknown key, or was altered
   */
  public Map<String, String> open(UUID workspaceId, String serviceName, byte[] sealed) {
    try {
      byte[] plaintext = aead.decrypt(sealed, associatedData(workspaceId, serviceName));
      return MAPPER.readValue(plaintext, VALUES);
    } catch (GeneralSecurityException e) {
      throw new CredentialSealException(
          "credential of service " + serviceName + " does not open in this workspace");
    }
  }

  /**
   * Seals an oauth2 credential's access token. Its associated data is the service name plus {@value
   * #ACCESS_TOKEN_SUFFIX}, which no service name can hold, so the token and the values cannot be
   * swapped for one another.
   */
  public byte[] sealAccessToken(UUID workspaceId, String serviceName, String accessToken) {
    return seal(workspaceId, serviceName + ACCESS_TOKEN_SUFFIX, Map.of(ACCESS_TOKEN, accessToken));
  }

  /**
   * Opens an access token sealed by {@link #sealAccessToken}.
   *
   * @throws CredentialSealException when it was sealed for another credential or altered
   */
  public String openAccessToken(UUID workspaceId, String serviceName, byte[] sealed) {
    String token = open(workspaceId, serviceName + ACCESS_TOKEN_SUFFIX, sealed).get(ACCESS_TOKEN);
    if (token == null) {
      throw new CredentialSealException(
          "access token of service " + serviceName + " does not open in this workspace");
    }
    return token;
  }

  /**
   * Seals a workspace's webhook signing secret. Its associated data names the purpose instead of a
   * service, so it cannot be swapped with a credential's values.
   */
  public byte[] sealWebhookSecret(UUID workspaceId, String secret) {
    try {
      return aead.encrypt(
          secret.getBytes(StandardCharsets.UTF_8), webhookSecretAssociatedData(workspaceId));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal the webhook secret", e);
    }
  }

  /**
   * Opens a secret sealed by {@link #sealWebhookSecret}.
   *
   * @throws CredentialSealException when it was sealed for another workspace or altered
   */
  public String openWebhookSecret(UUID workspaceId, byte[] sealed) {
    try {
      return new String(
          aead.decrypt(sealed, webhookSecretAssociatedData(workspaceId)), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new CredentialSealException("webhook secret does not open in this workspace");
    }
  }

  /**
   * Opens a secret sealed by {@link #sealWebhookSecret} and seals it again under the primary key,
   * for the same workspace: what a key rotation does to stored secrets.
   *
   * @throws CredentialSealException when it was sealed for another workspace, with an unknown key,
   *     or altered
   */
  public byte[] resealWebhookSecret(UUID workspaceId, byte[] sealed) {
    byte[] associatedData = webhookSecretAssociatedData(workspaceId);
    byte[] secret;
    try {
      secret = aead.decrypt(sealed, associatedData);
    } catch (GeneralSecurityException e) {
      throw new CredentialSealException("webhook secret does not open in this workspace");
    }
    try {
      return aead.encrypt(secret, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal the webhook secret", e);
    }
  }

  private static byte[] webhookSecretAssociatedData(UUID workspaceId) {
    return ("connector-engine/webhook-signing-secret/" + workspaceId)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] associatedData(UUID workspaceId, String serviceName) {
    return ("connector-engine/credential/" + workspaceId + "/" + serviceName)
        .getBytes(StandardCharsets.UTF_8);
  }
}

package dev.connectorengine.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the api-service under {@code connector-engine.*}.
 *
 * @param adminToken the token of the admin call ({@code ADMIN_TOKEN}); unset means it answers 401
 * @param maxRequestBody the largest request body accepted; larger ones answer 413
 * @param credentials credential sealing
 * @param kafka topic layout
 */
@ConfigurationProperties("connector-engine")
public record ApiSettings(
    String adminToken,
    @DefaultValue("1MB") DataSize maxRequestBody,
    @DefaultValue Credentials credentials,
    @DefaultValue Kafka kafka) {

  /**
   * Credential sealing.
   *
   * @param keyset Tink AEAD keyset JSON ({@code CREDENTIALS_KEYSET}); required
   */
  public record Credentials(String keyset) {}

  /**
   * The topics this service declares.
   *
   * @param partitions partitions of each topic: at most this many workers share the load
   * @param replicas replication factor of each topic
   */
  public record Kafka(@DefaultValue("24") int partitions, @DefaultValue("1") short replicas) {}
}

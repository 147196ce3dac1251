package dev.connectorengine.credentialscli;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.connectorengine.model.credential.CredentialSealer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * A credential keyset (Tink AEAD, JSON form): the sealer it makes, and which of its keys sealed a
 * ciphertext. Tink starts every ciphertext of a TINK- or LEGACY-prefixed key with five bytes naming
 * the key id, so "sealed under the primary" is a prefix comparison, no decryption.
 */
final class Keyset {

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final KeysetHandle handle;
  private final CredentialSealer sealer;

  private Keyset(KeysetHandle handle) {
    this.handle = handle;
    this.sealer = CredentialSealer.fromKeysetJson(toJson(handle));
  }

  /**
   * Parses a keyset; {@code source} names where it came from in the error message.
   *
   * @throws CliException when the text is not a Tink AEAD keyset
   */
  static Keyset parse(String json, String source) {
    if (json == null || json.isBlank()) {
      throw new CliException("no keyset in " + source);
    }
    try {
      KeysetHandle handle =
          TinkJsonProtoKeysetFormat.parseKeyset(json.strip(), InsecureSecretKeyAccess.get());
      return new Keyset(handle);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Tink's messages may quote key material, so only the source is named.
      throw new CliException("the keyset in " + source + " is not a valid Tink AEAD keyset");
    }
  }

  /** A new keyset with one AES-256-GCM key. */
  static Keyset generate() {
    try {
      return new Keyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a Tink keyset", e);
    }
  }

  /** This keyset plus a new AES-256-GCM key made primary; the old keys stay enabled. */
  Keyset rotated() {
    try {
      KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
      builder.addEntry(
          KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
              .withRandomId()
              .makePrimary());
      return new Keyset(builder.build());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot add a key to the keyset", e);
    }
  }

  /**
   * This keyset without the key {@code keyId}.
   *
   * @throws CliException when the key is unknown or is the primary
   */
  Keyset without(int keyId) {
    if (keyId == primaryKeyId()) {
      throw new CliException("key " + keyId + " is the primary key and cannot be removed");
    }
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
    for (int i = 0; i < handle.size(); i++) {
      if (handle.getAt(i).getId() == keyId) {
        builder.deleteAt(i);
        try {
          return new Keyset(builder.build());
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot remove a key from the keyset", e);
        }
      }
    }
    throw new CliException("the keyset has no key " + keyId);
  }

  String toJson() {
    return toJson(handle);
  }

  CredentialSealer sealer() {
    return sealer;
  }

  int primaryKeyId() {
    return handle.getPrimary().getId();
  }

  /** The ids of every key, in keyset order. */
  List<Integer> keyIds() {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < handle.size(); i++) {
      ids.add(handle.getAt(i).getId());
    }
    return ids;
  }

  /** Whether key {@code keyId} is enabled (only enabled keys open anything). */
  boolean isEnabled(int keyId) {
    for (int i = 0; i < handle.size(); i++) {
      if (handle.getAt(i).getId() == keyId) {
        return handle.getAt(i).getStatus() == KeyStatus.ENABLED;
      }
    }
    return false;
  }

  /**
   * Whether ciphertexts of the primary key carry its id. A RAW primary (no prefix) cannot be told
   * apart from the other keys without decrypting, so re-sealing refuses it.
   */
  boolean primaryHasPrefix() {
    return prefixOf(handle.getPrimary().getKey()).length > 0;
  }

  /** Whether {@code sealed} was sealed under the primary key. */
  boolean isSealedUnderPrimary(byte[] sealed) {
    return startsWith(sealed, prefixOf(handle.getPrimary().getKey()));
  }

  /** The id of the key of this keyset whose prefix starts {@code sealed}, if any. */
  OptionalInt keyIdOf(byte[] sealed) {
    for (int i = 0; i < handle.size(); i++) {
      if (startsWith(sealed, prefixOf(handle.getAt(i).getKey()))) {
        return OptionalInt.of(handle.getAt(i).getId());
      }
    }
    return OptionalInt.empty();
  }

  private static byte[] prefixOf(com.google.crypto.tink.Key key) {
    return key instanceof AeadKey aeadKey ? aeadKey.getOutputPrefix().toByteArray() : new byte[0];
  }

  private static boolean startsWith(byte[] sealed, byte[] prefix) {
    return prefix.length > 0
        && sealed.length >= prefix.length
        && Arrays.equals(sealed, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static String toJson(KeysetHandle handle) {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot serialize the keyset", e);
    }
  }
}

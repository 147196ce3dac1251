package dev.connectorengine.localstack;

import dev.connectorengine.model.credential.CredentialSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code .local/} folder of the repository (ignored by git): broker data, logs, and what must
 * survive a restart (the credential keyset, the demo seed).
 */
final class LocalFiles {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;

  LocalFiles(Path repository) {
    this.root = repository.resolve(".local");
  }

  Path kafkaData() {
    return root.resolve("kafka");
  }

  Path log(String name) {
    return root.resolve("logs").resolve(name + ".log");
  }

  Path logs() {
    return root.resolve("logs");
  }

  /**
   * The Tink keyset: generated on the first start and kept, so credentials stored by an earlier run
   * still open.
   */
  String credentialsKeyset() {
    Path file = root.resolve("credentials-keyset.json");
    return readOrCreate(file, CredentialSealer::generateKeysetJson);
  }

  /** The API key the demo target accepts, kept so a reused demo credential still matches. */
  String demoTargetKey() {
    return readOrCreate(root.resolve("demo-crm-api-key"), () -> "demo-" + randomToken(24));
  }

  Optional<DemoSeed> demoSeed() {
    Path file = root.resolve("demo-seed.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), DemoSeed.class));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  void saveDemoSeed(DemoSeed seed) {
    write(root.resolve("demo-seed.json"), JSON.writeValueAsString(seed));
  }

  static String randomToken(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static String readOrCreate(Path file, java.util.function.Supplier<String> create) {
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String value = create.get();
    write(file, value);
    return value;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the folder is still git-ignored
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

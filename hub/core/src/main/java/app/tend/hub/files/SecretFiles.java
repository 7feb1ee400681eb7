package app.tend.hub.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets the hub makes itself (the API token, the broker's passwords) and the owner-only files that keep them. */
public final class SecretFiles {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretFiles() {}

  /** 256 random bits as URL-safe Base64 text (43 characters). */
  public static String newSecret() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /**
   * Writes {@code text} to an owner-only temporary file next to {@code file} and renames it in place, so a failed
   * write leaves no file (or the old one).
   */
  public static void write(Path file, String text) throws IOException {
    Path folder = OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
    // createTempFile makes the file rw------- on POSIX file systems.
    Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}

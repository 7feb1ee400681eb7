package app.tend.plugins.wearable.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The MQTT client id when the config names none: made once per hub and kept in the plugin's data
 * folder, so the broker finds the same session (and the samples it queued) after every restart, and
 * two hubs on one broker never take each other's session. The file is readable by the hub's user only.
 */
final class ClientIds {

  static final String FILE = "client-id";

  /** The configured id, else the one kept in {@code dataDir}, made on first use. Blocking: file I/O. */
  static String resolve(String configured, Path dataDir) throws IOException {
    if (!configured.isEmpty()) {
      return configured;
    }
    Path file = dataDir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!kept.isEmpty()) {
        return kept;
      }
    }
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    String made = "tend-wearable-mqtt-" + HexFormat.of().formatHex(random);
    Files.createDirectories(dataDir);
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, made + "\n", StandardCharsets.UTF_8);
    return made;
  }

  private ClientIds() {}
}

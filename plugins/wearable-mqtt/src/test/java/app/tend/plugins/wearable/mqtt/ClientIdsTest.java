package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientIdsTest {

  @TempDir Path dataDir;

  @Test
  void madeIdIsKeptOwnerOnlyAndReused() throws Exception {
    String made = ClientIds.resolve("", dataDir);

    assertThat(made).startsWith("tend-wearable-mqtt-");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(ClientIds.FILE))))
        .isEqualTo("rw-------");
    assertThat(ClientIds.resolve("", dataDir)).isEqualTo(made);
  }

  @Test
  void configuredIdWinsAndWritesNothing() throws Exception {
    assertThat(ClientIds.resolve("my-hub", dataDir)).isEqualTo("my-hub");
    assertThat(dataDir.resolve(ClientIds.FILE)).doesNotExist();
  }
}

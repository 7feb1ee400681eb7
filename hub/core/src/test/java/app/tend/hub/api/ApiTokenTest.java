package app.tend.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.hub.Main;
import app.tend.testkit.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {

  @TempDir Path temp;

  @Test
  void tokenFromTheEnvironmentWins() {
    assertThat(ApiToken.resolve(Map.of(ApiToken.ENV, "from-env"), temp).value()).isEqualTo("from-env");
    assertThat(temp.resolve(ApiToken.FILE)).doesNotExist();
  }

  @Test
  void tokenFileIsCreatedOwnerOnlyAndReusedAfterARestart() throws Exception {
    String first = ApiToken.resolve(Map.of(), temp).value();

    assertThat(first).hasSizeGreaterThanOrEqualTo(40);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve(ApiToken.FILE))))
        .isEqualTo("rw-------");
    assertThat(ApiToken.resolve(Map.of(), temp).value()).isEqualTo(first);
  }

  @Test
  void emptyTokenFileAnOlderVersionLeftIsReplaced() throws Exception {
    Files.createFile(temp.resolve(ApiToken.FILE));

    String token = ApiToken.resolve(Map.of(), temp).value();

    assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    assertThat(Files.readString(temp.resolve(ApiToken.FILE)).strip()).isEqualTo(token);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve(ApiToken.FILE))))
        .isEqualTo("rw-------");
  }

  /**
   * A first start of the hub in a process whose files may not grow at all ({@code ulimit -f 0}): files can be
   * created, writing into them fails, as on a full disk. Unlike a read-only folder, this holds for root too.
   */
  @Test
  void firstStartThatCannotWriteTheTokenLeavesNoFileBehind() throws Exception {
    Path data = temp.resolve("data");
    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, "dataDir: " + data + "\nhttp:\n  port: 0\nmqtt:\n  port: " + FreePorts.next() + "\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "ulimit -S -f 0 && exec \"$@\"", "sh", java,
        "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config",
        config.toString()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("TEND_"));
    Process hub = builder.start();
    String output = new String(hub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(hub.exitValue()).as(output).isNotZero();
    assertThat(output).contains("cannot read or create the API token file").contains("File too large");
    try (Stream<Path> left = Files.list(data)) {
      assertThat(left).as("nothing half-written in the data folder").isEmpty();
    }
  }
}

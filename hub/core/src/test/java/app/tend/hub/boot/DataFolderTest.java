package app.tend.hub.boot;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.hub.api.ApiToken;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.FreePorts;
import app.tend.testkit.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a started hub keeps in its data folder is for the hub's user only: health data, the token, broker data. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataFolderTest {

  @TempDir Path temp;
  private Hub hub;

  @AfterEach
  void tearDown() throws Exception {
    if (hub != null) {
      hub.stop().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void everythingAStartedHubCreatedIsOwnerOnly() throws Exception {
    Path data = temp.resolve("data");

    start(data);

    assertThat(permissions(data)).isEqualTo("rwx------");
    for (String file : List.of("tend.db", "tend.db-wal", "tend.db-shm", ApiToken.FILE)) {
      assertThat(permissions(data.resolve(file))).as(file).isEqualTo("rw-------");
    }
    for (String folder : List.of("broker", "broker/conf", "broker/data", "broker/extensions", "plugins",
        "plugins/keeper-plugin")) {
      assertThat(permissions(data.resolve(folder))).as(folder).isEqualTo("rwx------");
    }
  }

  @Test
  void filesAnOlderVersionLeftReadableAreMadeOwnerOnlyAtStart() throws Exception {
    Path data = Files.createDirectories(temp.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(data.resolve(ApiToken.FILE), "an-old-token\n");
    Files.setPosixFilePermissions(data.resolve(ApiToken.FILE), PosixFilePermissions.fromString("rw-r--r--"));
    Path keeper = Files.createDirectories(data.resolve("plugins/keeper-plugin"));
    Files.writeString(keeper.resolve("kept"), "what a plugin kept");
    Files.setPosixFilePermissions(keeper, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(keeper.resolve("kept"), PosixFilePermissions.fromString("rwxr--r--"));

    start(data);

    assertThat(permissions(data)).isEqualTo("rwx------");
    assertThat(permissions(data.resolve(ApiToken.FILE))).isEqualTo("rw-------");
    assertThat(permissions(keeper)).isEqualTo("rwx------");
    assertThat(permissions(keeper.resolve("kept"))).as("the owner's own bits stay").isEqualTo("rwx------");
    assertThat(hub.apiToken().value()).isEqualTo("an-old-token");
  }

  private void start(Path data) throws Exception {
    Path plugins = temp.resolve("plugins");
    PluginJarBuilder.plugin("keeper-plugin")
        .pluginClass("test.keeper.ThePlugin")
        .source("test.keeper.ThePlugin", """
            package test.keeper;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) {
                super(context);
                context.dataDir();
              }
            }
            """)
        .buildInto(plugins);
    Path file = temp.resolve("tend.yaml");
    Files.writeString(file, """
        dataDir: %s
        http:
          port: 0
        mqtt:
          port: %d
        pluginFolder: %s
        """.formatted(data, FreePorts.next(), plugins));
    ConfigLoader.Loaded loaded = new ConfigLoader().load(file, Map.of());
    hub = Hub.create(loaded.config(), loaded.binder(), Clock.systemUTC(), Map.of());
    hub.start().await(60, TimeUnit.SECONDS);
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

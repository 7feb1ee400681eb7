package app.tend.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.hub.boot.DemoReporter;
import app.tend.hub.config.ConfigLoader;
import app.tend.hub.config.TendConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wearable simulator runs in the demo, or when asked for by name; a person's own tend.yaml does not start it. */
class RunCommandTest {

  @TempDir Path temp;

  @Test
  void aPersonsOwnConfigThatDoesNotMentionTheSimulatorLeavesItOff() throws Exception {
    TendConfig config = load("persons:\n  alex:\n    zone: UTC\n");

    assertThat(enabled(RunCommand.withSimulator(config, false))).isFalse();
    assertThat(enabled(RunCommand.withSimulator(config, true))).as("--demo").isTrue();
  }

  @Test
  void anExplicitEnabledIsKeptWithoutTheDemoAndTheDemoAlwaysTurnsItOn() throws Exception {
    TendConfig on = load("plugins:\n  wearable-simulator:\n    enabled: true\n");
    TendConfig off = load("plugins:\n  wearable-simulator:\n    enabled: false\n");

    assertThat(enabled(RunCommand.withSimulator(on, false))).isTrue();
    assertThat(enabled(RunCommand.withSimulator(off, false))).isFalse();
    assertThat(enabled(RunCommand.withSimulator(off, true))).isTrue();
  }

  private TendConfig load(String yaml) throws Exception {
    Path file = Files.writeString(temp.resolve("tend.yaml"), yaml);
    return new ConfigLoader().load(file, Map.of()).config();
  }

  private static boolean enabled(TendConfig config) {
    return config.plugins().get(DemoReporter.SIMULATOR).get("enabled").asBoolean();
  }
}

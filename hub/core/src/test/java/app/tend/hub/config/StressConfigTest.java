package app.tend.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StressConfigTest {

  @TempDir
  Path folder;

  private TendConfig load(String yaml) throws Exception {
    Path file = Files.writeString(folder.resolve("tend.yaml"), yaml);
    return new ConfigLoader().load(file, Map.of()).config();
  }

  @Test
  void stressSectionIsOptionalWithDefaults() throws Exception {
    StressConfig stress = load("dataDir: data\n").stress();

    assertThat(stress).isEqualTo(StressConfig.defaults());
    assertThat(stress.publishEverySeconds()).isEqualTo(5);
    assertThat(stress.highScore()).isEqualTo(50);
    assertThat(stress.recoveryMinutes()).isEqualTo(5);
  }

  @Test
  void stressKeysAreBound() throws Exception {
    StressConfig stress = load("""
        stress:
          publishEverySeconds: 2
          elevatedScore: 40
          highScore: 60
          activeMotionG: 0.03
          activeStepsPerMinute: 50
          recoveryMinutes: 5
          baselineSaveMinutes: 10
          idleMinutes: 90
        """).stress();

    assertThat(stress).isEqualTo(new StressConfig(2, 40, 60, 0.03, 50, 5, 10, 90));
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> load("stress:\n  elevatedScore: 70\n  highScore: 60\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("stress.highScore: 60 is not valid: expected a score above elevatedScore (70)");
    assertThatThrownBy(() -> load("stress:\n  publishEverySeconds: 0\n"))
        .hasMessage("stress.publishEverySeconds: 0 is not valid: expected a whole number from 1 to 3600");
    assertThatThrownBy(() -> load("stress:\n  publishEverySecond: 3\n"))
        .hasMessageStartingWith("unknown key 'stress.publishEverySecond'");
  }
}

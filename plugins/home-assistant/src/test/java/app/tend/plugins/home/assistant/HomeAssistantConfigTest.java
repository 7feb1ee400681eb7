package app.tend.plugins.home.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.api.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HomeAssistantConfigTest {

  @Test
  void defaultsFollowHomeAssistantsOwn() {
    HomeAssistantConfig config = HomeAssistantConfig.of(List.of("alice"));

    assertThat(config.discoveryPrefix()).isEqualTo("homeassistant");
    assertThat(config.statusTopic()).isEqualTo("homeassistant/status");
    assertThat(config.baseTopic()).isEqualTo("tend/ha");
    assertThat(config.groundingExercise()).isEqualTo("grounding-54321");
    assertThat(config.qos()).isEqualTo(1);
    assertThat(new HomeAssistantConfig(null, "ha", null, null, null, null).statusTopic()).isEqualTo("ha/status");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> HomeAssistantConfig.of(List.of("Alice")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("persons[0]: 'Alice' is not valid: expected a person id of lower-case letters, digits, _ and -");
    assertThatThrownBy(() -> HomeAssistantConfig.of(List.of("alice", "alice")))
        .hasMessage("persons: '[alice, alice]' is not valid: expected each person once");
    assertThatThrownBy(() -> new HomeAssistantConfig(null, "home/#", null, null, null, null))
        .hasMessage("discoveryPrefix: 'home/#' is not valid: expected an MQTT topic without wildcards, spaces or a trailing /");
    assertThatThrownBy(() -> new HomeAssistantConfig(null, null, null, null, "Box Breathing", null))
        .hasMessage("groundingExercise: 'Box Breathing' is not valid: expected an exercise id, or any to let Tend choose");
    assertThatThrownBy(() -> new HomeAssistantConfig(null, null, null, null, null, 3))
        .hasMessage("qos: 3 is not valid: expected a whole number from 0 to 2");
  }
}

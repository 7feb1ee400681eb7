package app.tend.plugins.home.routines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HomeRoutinesConfigTest {

  @Test
  void serversTakeBaseUrlsAndTokensByReference() {
    HomeRoutinesConfig config = new HomeRoutinesConfig(null,
        new HomeRoutinesConfig.Server("http://homeassistant.local:8123/", "HA_TOKEN", null), null, null);

    assertThat(config.homeAssistant().url()).isEqualTo("http://homeassistant.local:8123");
    assertThat(config.openhab().url()).isEmpty();
    assertThat(config.mqtt().url()).as("the hub's broker").isEmpty();
    assertThat(config.maxDetailChars()).isEqualTo(300);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> new HomeRoutinesConfig(null, new HomeRoutinesConfig.Server("http://ha:8123", null, null), null, null))
        .hasMessageStartingWith("homeAssistant.tokenEnv: null is not valid: expected tokenEnv or tokenFile");
    assertThatThrownBy(() -> new HomeRoutinesConfig.Server("ha.local:8123", "HA_TOKEN", null))
        .hasMessage("url: 'ha.local:8123' is not valid: expected an http:// or https:// URL like http://homeassistant.local:8123");
    assertThatThrownBy(() -> new HomeRoutinesConfig.Server("http://ha:8123", "HA TOKEN", null))
        .hasMessage("tokenEnv: 'HA TOKEN' is not valid: expected the name of an environment variable, e.g. HA_TOKEN");
    assertThatThrownBy(() -> new HomeRoutinesConfig.Server("http://ha:8123", "HA_TOKEN", "/run/secrets/ha"))
        .hasMessage("tokenFile: '/run/secrets/ha' is not valid: expected either tokenEnv or tokenFile, not both");
    assertThatThrownBy(() -> new HomeRoutinesConfig.Mqtt("localhost:1883", null, null, null))
        .hasMessage("url: 'localhost:1883' is not valid: expected a broker URL like tcp://host:1883 or ssl://host:8883");
  }
}

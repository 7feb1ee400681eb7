package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.api.InvalidConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WearableMqttConfigTest {

  @Test
  void defaultsSubscribeToTendTopicsAndTheUsualBridges() {
    WearableMqttConfig config = WearableMqttConfig.defaults();

    assertThat(config.qos()).isEqualTo(1);
    assertThat(config.sessionExpirySeconds()).isEqualTo(604_800);
    assertThat(config.lateWindowMinutes()).isEqualTo(60);
    assertThat(config.subscriptions()).containsExactly("tend/wearable/#", "/ble/data/+/180d/2a37", "home/+/BTtoMQTT/+");
  }

  @Test
  void severalConnectionsUseSharedSubscriptionsEachWithItsOwnSession() {
    WearableMqttConfig one = WearableMqttConfig.defaults();
    WearableMqttConfig three = one.withConnections(3);

    assertThat(one.connectionFilters()).isEqualTo(one.subscriptions());
    assertThat(one.connectionClientId("tend-hub", 0)).isEqualTo("tend-hub");
    assertThat(three.connectionFilters()).containsExactly("$share/tend/tend/wearable/#", "$share/tend//ble/data/+/180d/2a37",
        "$share/tend/home/+/BTtoMQTT/+");
    assertThat(three.connectionClientId("tend-hub", 2)).isEqualTo("tend-hub-2");
  }

  @Test
  void macAddressesAreMatchedWhateverTheirSpelling() {
    WearableMqttConfig config = WearableMqttConfig.defaults().withDevices(Map.of("C4-7C-8D-6A-12-34", "alex"), List.of());

    assertThat(config.devices()).containsEntry("c4:7c:8d:6a:12:34", "alex");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> new WearableMqttConfig(null, 3, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("qos: 3");
    assertThatThrownBy(() -> WearableMqttConfig.defaults().withDevices(Map.of("aa:bb:cc:dd:ee:ff", "Alex"), List.of()))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("devices.aa:bb:cc:dd:ee:ff: 'Alex'");
    assertThatThrownBy(() -> new WearableMqttConfig.StateTopic("home/hr", "alex", "pulse", null))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("kind: 'pulse'").hasMessageContaining("skin_temp");
    assertThatThrownBy(() -> new WearableMqttConfig(null, null, null, null, null, null, null, null, null,
        List.of("home/#/x"), null, null, null, null, null, null, null))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("heartRateTopics[0]");
    assertThatThrownBy(() -> WearableMqttConfig.defaults().withConnections(17))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("connections: 17");
    assertThatThrownBy(() -> WearableMqttConfig.defaults().withLateWindowMinutes(0))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("lateWindowMinutes: 0");
  }
}

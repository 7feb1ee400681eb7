package app.tend.plugins.home.assistant.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.hub.config.ConfigBinder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomeAssistantWsConfigTest {

  private static final String PREFIX = "plugins.home-assistant-ws";

  @Test
  void aBaseUrlBecomesTheWebSocketApiAndDefaultsAreFilledIn() throws Exception {
    HomeAssistantWsConfig config = bind("""
        url: http://homeassistant.local:8123
        tokenEnv: HA_TOKEN
        tts: tts.piper
        persons:
          alex: {speaker: media_player.kitchen, phone: notify.mobile_app_pixel_8}
          sam: {speaker: assist_satellite.study}
          kim: {phone: mobile_app_iphone}
        sentences:
          sessionOver: ["ich bin zurück von der therapie"]
          stop: []
        signals:
          sensor.pixel_watch_heart_rate: {person: alex, kind: hr}
        """);
    assertThat(config.sentences().get("sessionOver")).containsExactly("ich bin zurück von der therapie");
    assertThat(config.sentences().get("stop")).isEmpty();
    assertThat(config.sentences().get("startExercise")).contains("start {exercise}");
    assertThat(config.signals().get("sensor.pixel_watch_heart_rate").signalKind())
        .isEqualTo(app.tend.api.message.SignalKind.HR);
    assertThat(config.endpoint()).hasToString("ws://homeassistant.local:8123/api/websocket");
    assertThat(config.speakerChannel()).isEqualTo("ha-speaker");
    assertThat(config.phoneChannel()).isEqualTo("ha-phone");
    assertThat(config.persons().get("alex").phone()).isEqualTo("mobile_app_pixel_8");
    assertThat(config.persons().get("alex").guidesOnSpeaker()).isTrue();
    assertThat(config.persons().get("sam").satellite()).isTrue();
    assertThat(config.persons().get("kim").guidesOnSpeaker()).isFalse();
    assertThat(config.ttsOf(config.persons().get("alex"))).isEqualTo("tts.piper");
    assertThat(config.speakTimeoutSeconds()).isEqualTo(120);
    assertThat(config.connectWaitSeconds()).isEqualTo(20);

    assertThat(HomeAssistantWsConfig.Endpoint.parse("https://ha.example.org/")).hasToString(
        "wss://ha.example.org:443/api/websocket");
    assertThat(HomeAssistantWsConfig.Endpoint.parse("https://example.org/ha")).hasToString(
        "wss://example.org:443/ha/api/websocket");
    assertThat(HomeAssistantWsConfig.Endpoint.parse("ws://10.0.0.5:8123/api/websocket")).hasToString(
        "ws://10.0.0.5:8123/api/websocket");
  }

  @Test
  void anEmptySectionLeavesThePluginIdleRatherThanStoppingTheHub() throws Exception {
    HomeAssistantWsConfig config = new ConfigBinder(Map.of()).bind(null, HomeAssistantWsConfig.class, PREFIX);
    assertThat(config.configured()).isFalse();
    assertThat(config.persons()).isEmpty();
  }

  @Test
  void badValuesStopStartUpNamingTheirKey() {
    assertThatThrownBy(() -> bind("url: homeassistant.local:8123\ntokenEnv: HA_TOKEN"))
        .hasMessageStartingWith(PREFIX + ".url: 'homeassistant.local:8123' is not valid");
    assertThatThrownBy(() -> bind("url: http://user:secret@ha:8123\ntokenEnv: HA_TOKEN"))
        .hasMessageContaining(PREFIX + ".url:").hasMessageContaining("no user");
    assertThatThrownBy(() -> bind("url: http://ha:8123"))
        .hasMessageStartingWith(PREFIX + ".tokenEnv: null is not valid: expected tokenEnv or tokenFile");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\ntokenFile: /run/secrets/ha"))
        .hasMessageStartingWith(PREFIX + ".tokenFile:");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\npersons: {alex: {speaker: light.kitchen}}"))
        .hasMessageStartingWith(PREFIX + ".persons.alex.speaker: 'light.kitchen' is not valid: expected a media player");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\npersons: {alex: {speaker: media_player.k}}"))
        .hasMessageStartingWith(PREFIX + ".persons.alex.tts: null is not valid: expected the TTS entity");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\npersons: {alex: {phone: pixel_8}}"))
        .hasMessageStartingWith(PREFIX + ".persons.alex.phone: 'pixel_8' is not valid: expected the companion app");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\npersons: {alex: {phone: mobile_app_p, guideOn: speaker}}"))
        .hasMessageStartingWith(PREFIX + ".persons.alex.guideOn: 'speaker' is not valid: expected phone");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\npersons: {alex: {}}"))
        .hasMessageStartingWith(PREFIX + ".persons.alex.speaker: null is not valid");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\nreconnectMinSeconds: 30\nreconnectMaxSeconds: 10"))
        .hasMessageStartingWith(PREFIX + ".reconnectMaxSeconds: 10 is not valid: expected a whole number from 30");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\nphoneChannel: ha-speaker"))
        .hasMessageStartingWith(PREFIX + ".phoneChannel: 'ha-speaker' is not valid");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\nsentences: {stop: [\"stop!\"]}"))
        .hasMessageStartingWith(PREFIX + ".sentences.stop: 'stop!' is not valid: expected a sentence without punctuation");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\nsentences: {halt: [stop]}"))
        .hasMessageStartingWith(PREFIX + ".sentences: 'halt' is not valid: expected one of");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\nsignals: {sensor.hr: {person: alex, kind: stress}}"))
        .hasMessageStartingWith(PREFIX + ".signals.sensor.hr.kind: 'stress' is not valid: expected hr, steps or spo2");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\npersons: {alex: {assistDevices: [kitchen]}}"))
        .hasMessageStartingWith(PREFIX + ".persons.alex.assistDevices: 'kitchen' is not valid");
    assertThatThrownBy(() -> bind("url: http://ha:8123\ntokenEnv: HA_TOKEN\ntokn: x"))
        .hasMessageContaining(PREFIX + ".tokn");
  }

  private static HomeAssistantWsConfig bind(String yaml) throws Exception {
    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    return new ConfigBinder(Map.of()).bind(tree, HomeAssistantWsConfig.class, PREFIX);
  }
}

package app.tend.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path temp;

  private ConfigLoader.Loaded load(String yaml, Map<String, String> env) throws Exception {
    Path file = temp.resolve("tend.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader().load(file, env);
  }

  @Test
  void defaultsApplyWhenTheFileIsEmpty() throws Exception {
    TendConfig config = load("", Map.of()).config();

    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.mqtt().embedded()).isTrue();
    assertThat(config.mqtt().port()).isEqualTo(1883);
    assertThat(config.mqtt().maxQueueSize()).isEqualTo(100_000);
    assertThat(config.mqtt().allowAnonymous()).isFalse();
    assertThat(config.mqtt().maxMessageBytes()).isEqualTo(256 * 1024);
    assertThat(config.dataDir()).isEqualTo("data");
    assertThat(config.pluginFolder()).isEqualTo("plugins");
  }

  @Test
  void shippedConfigFileLoads() {
    Path shipped = Path.of(System.getProperty("tend.project.root"), "config", "tend.yaml");

    TendConfig config = new ConfigLoader().load(shipped, Map.of()).config();

    assertThat(config.plugins()).containsKeys("wearable-mqtt", "wearable-simulator");
  }

  @Test
  void unknownKeyIsNamedWithTheKeysThatWouldFit() {
    assertThatThrownBy(() -> load("http:\n  prot: 8081\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown key 'http.prot' (known keys: host, port)");
  }

  @Test
  void unknownTopLevelKeyIsNamed() {
    assertThatThrownBy(() -> load("colour: blue\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown key 'colour'");
  }

  @Test
  void wrongTypeNamesKeyValueAndExpectation() {
    assertThatThrownBy(() -> load("http:\n  port: eighty\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("http.port: 'eighty' is not valid: expected a whole number");
  }

  @Test
  void outOfRangeValueNamesKeyValueAndRange() {
    assertThatThrownBy(() -> load("mqtt:\n  port: 70000\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("mqtt.port: 70000 is not valid: expected a whole number from 0 to 65535");
  }

  @Test
  void messageSizeLimitIsCheckedAndCountedInKiB() throws Exception {
    assertThat(load("mqtt:\n  maxMessageKiB: 1024\n", Map.of()).config().mqtt().maxMessageBytes()).isEqualTo(1 << 20);
    assertThatThrownBy(() -> load("mqtt:\n  maxMessageKiB: 0\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("mqtt.maxMessageKiB: 0 is not valid: expected a whole number from 1 to 262144");
  }

  @Test
  void badBrokerUrlIsRefused() {
    assertThatThrownBy(() -> load("mqtt:\n  url: localhost\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mqtt.url: 'localhost' is not valid: expected tcp://host:port");
  }

  @Test
  void sectionGivenAsAScalarIsAWrongType() {
    assertThatThrownBy(() -> load("http: 8080\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("http: ");
  }

  @Test
  void environmentOverridesTheFile() throws Exception {
    TendConfig config = load("http:\n  port: 8081\n", Map.of(
        "TEND_HTTP_PORT", "9090",
        "TEND_MQTT_PORT", "11883",
        "TEND_MQTT_URL", "tcp://broker.lan:1883",
        "TEND_DATA_DIR", "/var/lib/tend")).config();

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.mqtt().port()).isEqualTo(11883);
    assertThat(config.mqtt().url()).isEqualTo("tcp://broker.lan:1883");
    assertThat(config.mqtt().embedded()).isFalse();
    assertThat(config.dataDir()).isEqualTo("/var/lib/tend");
  }

  @Test
  void badEnvironmentValueNamesTheVariable() {
    assertThatThrownBy(() -> load("", Map.of("TEND_HTTP_PORT", "abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("http.port (from TEND_HTTP_PORT): 'abc' is not valid: expected a whole number");
  }

  @Test
  void invalidYamlNamesTheLine() {
    assertThatThrownBy(() -> load("http:\n  port: [8080\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line ")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void missingFileIsAnError() {
    assertThatThrownBy(() -> new ConfigLoader().load(temp.resolve("nope.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.yaml does not exist");
  }

  @Test
  void passwordNeverAppearsInToString() throws Exception {
    TendConfig config = load("mqtt:\n  username: tend\n  password: s3cret\n", Map.of()).config();

    assertThat(config.toString()).doesNotContain("s3cret");
  }
}

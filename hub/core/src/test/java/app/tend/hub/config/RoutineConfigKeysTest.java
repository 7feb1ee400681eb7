package app.tend.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutineConfigKeysTest {

  @TempDir Path dir;

  @Test
  void routineBindsWithDefaultsAndSectionsBecomeJsonParams() throws Exception {
    TendConfig config = load("""
        persons:
          alex: {}
        routines:
          after-session:
            trigger: session-ended
            conditions:
              persons: [alex]
              hours: "17:00-23:30"
            actions:
              - target: mqtt
                params:
                  topic: zigbee2mqtt/Living room lamp/set
                  payload: {state: "ON", brightness: 60}
                  retain: false
              - target: home-assistant
                params:
                  service: media_player.play_media
                  data: {entity_id: media_player.kitchen, media_content_id: "calm.mp3", media_content_type: music}
                timeoutSeconds: 5
                retries: 0
        """);

    RoutineConfig routine = config.routines().get("after-session");
    assertThat(routine.triggerKind()).isEqualTo(RoutineTrigger.SESSION_ENDED);
    assertThat(routine.conditions().window()).hasValueSatisfying(w -> assertThat(w.contains(LocalTime.of(23, 0))).isTrue());
    RoutineActionConfig mqtt = routine.actions().get(0);
    assertThat(mqtt.timeoutSeconds()).isEqualTo(10);
    assertThat(mqtt.retries()).isEqualTo(2);
    assertThat(mqtt.retryDelaySeconds()).isEqualTo(2);
    assertThat(mqtt.textParams()).containsExactly(Map.entry("topic", "zigbee2mqtt/Living room lamp/set"),
        Map.entry("payload", "{\"state\":\"ON\",\"brightness\":60}"), Map.entry("retain", "false"));
    assertThat(routine.actions().get(1).textParams()).containsEntry("data",
        "{\"entity_id\":\"media_player.kitchen\",\"media_content_id\":\"calm.mp3\",\"media_content_type\":\"music\"}");
  }

  @Test
  void badRoutinesNameTheirKey() {
    assertThatThrownBy(() -> load("routines:\n  r1:\n    trigger: session-end\n    actions: [{target: mqtt}]\n"))
        .hasMessage("routines.r1.trigger: 'session-end' is not valid: expected one of session-ended, decompress-over, "
            + "stress-high, exercise-started, exercise-completed, quiet-hours-start, quiet-hours-end");
    assertThatThrownBy(() -> load("routines:\n  r1:\n    trigger: session-ended\n"))
        .hasMessage("routines.r1.actions: null is not valid: expected a list of at least one action");
    assertThatThrownBy(() -> load("routines:\n  r1:\n    trigger: session-ended\n    actions:\n      - {target: mqtt, timeoutSeconds: 0}\n"))
        .hasMessage("routines.r1.actions[0].timeoutSeconds: 0 is not valid: expected a whole number from 1 to 300");
    assertThatThrownBy(() -> load("routines:\n  r1:\n    trigger: session-ended\n    actions:\n      - {target: mqtt, retry: 3}\n"))
        .hasMessageStartingWith("unknown key 'routines.r1.actions[0].retry'");
    assertThatThrownBy(() -> load("routines:\n  r1:\n    trigger: stress-high\n    conditions: {hours: '7-9'}\n"
        + "    actions: [{target: mqtt}]\n"))
        .hasMessage("routines.r1.conditions.hours: '7-9' is not valid: expected a daily window like 22:00-07:00");
    assertThatThrownBy(() -> load("persons:\n  alex: {}\nroutines:\n  r1:\n    trigger: stress-high\n"
        + "    conditions: {persons: [alx]}\n    actions: [{target: mqtt}]\n"))
        .hasMessage("routines.r1.conditions.persons[0]: 'alx' is not valid: expected a person of persons (alex)");
    assertThatThrownBy(() -> load("routines:\n  Evening:\n    trigger: stress-high\n    actions: [{target: mqtt}]\n"))
        .hasMessage("routines.Evening: 'Evening' is not valid: expected a routine id of lower-case letters, digits, _ and -");
    assertThatThrownBy(() -> load("routines:\n  r1:\n    trigger: stress-high\n    actions: [{target: Home Assistant}]\n"))
        .hasMessage("routines.r1.actions[0].target: 'Home Assistant' is not valid: expected a target type such as mqtt, "
            + "home-assistant, openhab or webhook");
  }

  @Test
  void aSecretWrittenIntoARoutineIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> load("routines:\n  r1:\n    trigger: stress-high\n    actions:\n"
        + "      - {target: webhook, params: {url: 'http://x/hook', token: hunter2-secret}}\n"))
        .hasMessage("routines.r1.actions[0].params.token: '***' is not valid: expected no secret in tend.yaml: name an "
            + "environment variable (tokenEnv) or a file (tokenFile) that holds it")
        .hasMessageNotContaining("hunter2");
  }

  private TendConfig load(String yaml) throws Exception {
    Path file = dir.resolve("tend.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader().load(file, Map.of()).config();
  }
}

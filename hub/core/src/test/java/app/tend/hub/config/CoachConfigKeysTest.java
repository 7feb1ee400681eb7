package app.tend.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoachConfigKeysTest {

  @TempDir Path dir;

  @Test
  void personsCoachScheduleAndStoreBindWithDefaults() throws Exception {
    TendConfig config = load("""
        persons:
          alex:
            name: Alex
            zone: Europe/Berlin
            channels: [voice, wrist]
            quietHours: "23:00-06:30"
            dailyLimit: 4
            dislikes: [body-scan]
            practice:
              exercises: [box-breathing]
              times: ["08:30", "19:00"]
              days: [MONDAY, THURSDAY]
          sam: {}
        coach:
          cooldownMinutes: 60
        schedule:
          decompressMinutes: 120
        store:
          retentionDays: 90
        """);
    PersonConfig alex = config.persons().get("alex");
    assertThat(alex.quiet()).hasValueSatisfying(w -> assertThat(w.contains(LocalTime.of(5, 0))).isTrue());
    assertThat(alex.practice().localTimes()).containsExactly(LocalTime.of(8, 30), LocalTime.of(19, 0));
    assertThat(alex.practice().days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.THURSDAY);
    assertThat(config.persons().get("sam").quietHours()).isEqualTo("22:00-07:00");
    assertThat(config.coach().cooldownMinutes()).isEqualTo(60);
    assertThat(config.coach().dailyLimit()).isEqualTo(6);
    assertThat(config.coach().channels()).containsExactly("voice", "wrist", "page");
    assertThat(config.schedule().decompressMinutes()).isEqualTo(120);
    assertThat(config.schedule().beforeSessionMinutes()).isEqualTo(30);
    assertThat(config.store().retentionDays()).isEqualTo(90);
    assertThat(config.databasePath()).isEqualTo(Path.of("data", "tend.db"));
    assertThat(config.person("unknown").channels()).isEmpty();
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> load("persons:\n  Alex: {}\n"))
        .hasMessage("persons.Alex: 'Alex' is not valid: expected a person id of lower-case letters, digits, _ and - (as in samples)");
    assertThatThrownBy(() -> load("persons:\n  alex:\n    practice: {exercises: [walk], times: ['8:75']}\n"))
        .hasMessage("persons.alex.practice.times[0]: '8:75' is not valid: expected a time of day like 08:30");
    assertThatThrownBy(() -> load("persons:\n  alex:\n    zone: Mars/Olympus\n"))
        .hasMessage("persons.alex.zone: 'Mars/Olympus' is not valid: expected a time zone id like Europe/Berlin");
    assertThatThrownBy(() -> load("coach:\n  minConfidence: 1.5\n"))
        .hasMessage("coach.minConfidence: 1.5 is not valid: expected a number from 0.0 to 1.0");
    assertThatThrownBy(() -> load("schedule:\n  decompressMinute: 10\n"))
        .hasMessageStartingWith("unknown key 'schedule.decompressMinute'");
    assertThatThrownBy(() -> load("persons:\n  alex:\n    practice: {times: ['08:00']}\n"))
        .hasMessage("persons.alex.practice.exercises: '[]' is not valid: expected at least one exercise id to practise when times are set");
  }

  private TendConfig load(String yaml) throws Exception {
    Path file = dir.resolve("tend.yaml");
    Files.writeString(file, yaml);
    return new ConfigLoader().load(file, Map.of()).config();
  }
}

package app.tend.hub.config;

import app.tend.api.InvalidConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The hub's configuration, {@code config/tend.yaml}; see the README for every key.
 *
 * @param dataDir where the hub keeps its files (broker data, database, plugin folders)
 * @param http the HTTP server
 * @param mqtt the MQTT broker
 * @param pluginFolder where plugins are loaded from: jars in it, or {@code <folder>/<id>/target/*.jar} in a checkout
 * @param plugins each plugin's section by plugin id: {@code enabled}, {@code required} and its own keys
 * @param exercisesFile the exercise catalogue; empty uses the one built into the hub (a copy of {@code config/exercises.yaml})
 * @param store the database
 * @param schedule the schedule service
 * @param coach the coach
 * @param persons each person by id ({@code [a-z0-9_-]{1,64}}, as in samples): name, zone and preferences
 * @param runner the exercise runner
 * @param routines home routines by id ({@code [a-z0-9][a-z0-9_-]{0,63}}, used in the API's paths)
 * @param stress the stress engine
 */
public record TendConfig(
    String dataDir,
    HttpConfig http,
    MqttConfig mqtt,
    String pluginFolder,
    Map<String, JsonNode> plugins,
    String exercisesFile,
    StoreConfig store,
    ScheduleConfig schedule,
    CoachConfig coach,
    Map<String, PersonConfig> persons,
    RunnerConfig runner,
    Map<String, RoutineConfig> routines,
    StressConfig stress) {

  /** Built once: the coach asks for a person's settings with every stress state. */
  private static final PersonConfig DEFAULT_PERSON = PersonConfig.defaults();


  private static final Pattern PERSON_ID = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern ROUTINE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  public TendConfig {
    dataDir = dataDir == null || dataDir.isBlank() ? "data" : dataDir;
    http = http == null ? new HttpConfig(null, null) : http;
    mqtt = mqtt == null ? MqttConfig.defaults() : mqtt;
    pluginFolder = pluginFolder == null || pluginFolder.isBlank() ? "plugins" : pluginFolder;
    plugins = plugins == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plugins));
    exercisesFile = exercisesFile == null ? "" : exercisesFile.trim();
    store = store == null ? StoreConfig.defaults() : store;
    schedule = schedule == null ? ScheduleConfig.defaults() : schedule;
    coach = coach == null ? CoachConfig.defaults() : coach;
    Map<String, PersonConfig> people = new LinkedHashMap<>();
    if (persons != null) {
      persons.forEach((id, person) -> {
        if (!PERSON_ID.matcher(id).matches()) {
          throw new InvalidConfigException("persons." + id, id, "a person id of lower-case letters, digits, _ and - (as in samples)");
        }
        people.put(id, person == null ? PersonConfig.defaults() : person);
      });
    }
    persons = java.util.Collections.unmodifiableMap(people);
    runner = runner == null ? RunnerConfig.defaults() : runner;
    routines = routines(routines, persons);
    stress = stress == null ? StressConfig.defaults() : stress;
  }

  private static Map<String, RoutineConfig> routines(Map<String, RoutineConfig> given, Map<String, PersonConfig> persons) {
    Map<String, RoutineConfig> checked = new LinkedHashMap<>();
    if (given != null) {
      given.forEach((id, routine) -> {
        if (!ROUTINE_ID.matcher(id).matches()) {
          throw new InvalidConfigException("routines." + id, id, "a routine id of lower-case letters, digits, _ and -");
        }
        if (routine == null) {
          throw new InvalidConfigException("routines." + id, null, "a routine with a trigger and actions");
        }
        List<String> names = routine.conditions().persons();
        for (int i = 0; i < names.size(); i++) {
          if (!persons.isEmpty() && !persons.containsKey(names.get(i))) {
            throw new InvalidConfigException("routines." + id + ".conditions.persons[" + i + "]", names.get(i),
                "a person of persons (" + String.join(", ", persons.keySet()) + ")");
          }
        }
        checked.put(id, routine);
      });
    }
    return java.util.Collections.unmodifiableMap(checked);
  }

  /** {@link #dataDir()} as a path. */
  public Path dataPath() {
    return Path.of(dataDir);
  }

  /** {@link #pluginFolder()} as a path. */
  public Path pluginPath() {
    return Path.of(pluginFolder);
  }

  /** The database file: {@code store.file}, or {@code tend.db} in the data folder. */
  public Path databasePath() {
    return store.file().isEmpty() ? dataPath().resolve("tend.db") : Path.of(store.file());
  }

  /** A copy with other plugin sections. */
  public TendConfig withPlugins(Map<String, JsonNode> sections) {
    return new TendConfig(dataDir, http, mqtt, pluginFolder, sections, exercisesFile, store, schedule, coach, persons,
        runner, routines, stress);
  }

  /** A person's settings; every default for a person not in the config. */
  public PersonConfig person(String id) {
    PersonConfig person = persons.get(id);
    return person == null ? DEFAULT_PERSON : person;
  }

  /** The channels a person gets prompts on, in order of preference: their own, else {@code coach.channels}. */
  public java.util.List<String> channelsOf(String person) {
    java.util.List<String> own = person(person).channels();
    return own.isEmpty() ? coach.channels() : own;
  }
}

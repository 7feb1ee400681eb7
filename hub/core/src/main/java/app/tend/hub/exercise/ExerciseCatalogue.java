package app.tend.hub.exercise;

import app.tend.api.exercise.Exercise;
import app.tend.hub.config.ConfigBinder;
import app.tend.hub.config.ConfigException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exercise library: loaded and checked from {@code exercises.yaml} at start, and extended by
 * plugins' {@link app.tend.api.ExerciseSource}s. Safe to read from any thread.
 */
public final class ExerciseCatalogue {

  /** Where the built-in catalogue (a copy of {@code config/exercises.yaml}) is on the class path. */
  static final String BUILT_IN = "/app/tend/hub/exercise/exercises.yaml";

  private volatile Map<String, Exercise> exercises;

  private ExerciseCatalogue(Map<String, Exercise> exercises) {
    this.exercises = Map.copyOf(exercises);
  }

  /**
   * Loads the catalogue.
   *
   * @param file the YAML file, or empty for the built-in catalogue
   * @throws ConfigException naming the file, the exercise and the field when an entry is bad
   */
  public static ExerciseCatalogue load(String file) {
    if (file == null || file.isBlank()) {
      try (InputStream in = ExerciseCatalogue.class.getResourceAsStream(BUILT_IN)) {
        if (in == null) {
          throw new ConfigException("the built-in exercise catalogue is missing from the hub");
        }
        return parse("built-in exercises.yaml", in.readAllBytes());
      } catch (IOException e) {
        throw new ConfigException("cannot read the built-in exercise catalogue: " + e.getMessage());
      }
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new ConfigException("exercisesFile: " + file + " does not exist");
    }
    try {
      return parse(file, Files.readAllBytes(path));
    } catch (IOException e) {
      throw new ConfigException("cannot read exercise catalogue " + file + ": " + e.getMessage());
    }
  }

  /** Parses a catalogue; {@code name} is used in error messages. */
  static ExerciseCatalogue parse(String name, byte[] yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new ConfigException(name + (at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr())
          + ": not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(name + ": " + e.getMessage());
    }
    if (root == null || !root.isObject() || !root.has("exercises")) {
      throw new ConfigException(name + ": expected a list under the key 'exercises'");
    }
    for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("exercises")) {
        throw new ConfigException(name + ": unknown key '" + key + "' (known keys: exercises)");
      }
    }
    JsonNode list = root.get("exercises");
    if (!list.isArray() || list.isEmpty()) {
      throw new ConfigException(name + ": exercises: expected a list of at least one exercise");
    }
    ConfigBinder binder = new ConfigBinder(Map.of());
    Map<String, Exercise> found = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String label = node.hasNonNull("id") ? "exercise '" + node.get("id").asText() + "'" : "exercise #" + (i + 1);
      Exercise exercise;
      try {
        exercise = binder.bind(node, Exercise.class, "");
      } catch (ConfigException e) {
        throw new ConfigException(name + ": " + label + ": " + e.getMessage());
      }
      if (found.putIfAbsent(exercise.id(), exercise) != null) {
        throw new ConfigException(name + ": " + label + ": id: '" + exercise.id() + "' is used twice");
      }
    }
    return new ExerciseCatalogue(found);
  }

  /**
   * Adds a plugin's exercises, all or none.
   *
   * @throws IllegalArgumentException when an id is already in the catalogue
   */
  public synchronized void add(String source, Collection<Exercise> more) {
    Map<String, Exercise> next = new LinkedHashMap<>(exercises);
    for (Exercise exercise : more) {
      if (next.putIfAbsent(exercise.id(), exercise) != null) {
        throw new IllegalArgumentException(source + ": exercise id '" + exercise.id() + "' is already in the catalogue");
      }
    }
    exercises = Map.copyOf(next);
  }

  /** Every exercise, sorted by id. */
  public List<Exercise> all() {
    List<Exercise> sorted = new ArrayList<>(exercises.values());
    sorted.sort(java.util.Comparator.comparing(Exercise::id));
    return sorted;
  }

  /** The exercise with this id. */
  public Optional<Exercise> find(String id) {
    return Optional.ofNullable(exercises.get(id));
  }

  /**
   * The exercise a person named: by id ({@code box-breathing}) or by title, ignoring case, spaces,
   * dashes and punctuation ("Box breathing", "box breathing", "5 4 3 2 1 grounding").
   */
  public Optional<Exercise> named(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    Exercise byId = exercises.get(name.trim());
    if (byId != null) {
      return Optional.of(byId);
    }
    String wanted = plain(name);
    return exercises.values().stream()
        .filter(e -> plain(e.id()).equals(wanted) || plain(e.title()).equals(wanted))
        .findFirst();
  }

  private static String plain(String text) {
    return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "");
  }

  /** True when an exercise has this id. */
  public boolean has(String id) {
    return exercises.containsKey(id);
  }
}

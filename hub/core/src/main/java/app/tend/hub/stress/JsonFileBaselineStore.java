package app.tend.hub.stress;

import app.tend.hub.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Baselines in one JSON file ({@code <dataDir>/stress-baselines.json}), written to a temporary file and
 * moved into place, so a crash mid-write leaves the previous version.
 */
public final class JsonFileBaselineStore implements BaselineStore {

  /** The file name inside the data folder. */
  public static final String FILE_NAME = "stress-baselines.json";

  private static final TypeReference<Map<String, BaselineSnapshot>> TYPE = new TypeReference<>() {};

  private final Path file;

  public JsonFileBaselineStore(Path file) {
    this.file = file;
  }

  /** The store in a data folder. */
  public static JsonFileBaselineStore in(Path dataDir) {
    return new JsonFileBaselineStore(dataDir.resolve(FILE_NAME));
  }

  @Override
  public synchronized Map<String, BaselineSnapshot> loadAll() throws IOException {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return Json.MAPPER.readValue(file.toFile(), TYPE);
    } catch (JsonProcessingException e) {
      // Keep the unreadable file for a person to look at, so the next save does not destroy it.
      Path aside = file.resolveSibling(FILE_NAME + ".unreadable");
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      throw new IOException("baselines in " + file + " are not valid JSON (" + e.getOriginalMessage()
          + "); moved to " + aside + ", baselines start afresh", e);
    }
  }

  @Override
  public synchronized void saveAll(Map<String, BaselineSnapshot> baselines) throws IOException {
    Map<String, BaselineSnapshot> all = new TreeMap<>(loadAll());
    all.putAll(baselines);
    write(all);
  }

  @Override
  public synchronized void remove(String person) throws IOException {
    Map<String, BaselineSnapshot> all = new TreeMap<>(loadAll());
    if (all.remove(person) != null) {
      write(all);
    }
  }

  private void write(Map<String, BaselineSnapshot> all) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, FILE_NAME, ".tmp");
    try {
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), all);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public String toString() {
    return "JsonFileBaselineStore[" + file + "]";
  }
}

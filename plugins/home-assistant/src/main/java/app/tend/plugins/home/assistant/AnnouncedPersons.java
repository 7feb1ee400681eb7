package app.tend.plugins.home.assistant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The persons whose entities are announced in Home Assistant, kept in the plugin's data folder, so a
 * person taken out of the config can have their entities cleared at the next start. Blocking: file I/O.
 */
final class AnnouncedPersons {

  static final String FILE = "announced-persons";

  private final Path file;

  AnnouncedPersons(Path dataDir) {
    this.file = dataDir.resolve(FILE);
  }

  /** The persons announced before, in the order written. */
  Set<String> read() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Set.of();
    }
    Set<String> persons = new LinkedHashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        persons.add(line.trim());
      }
    }
    return persons;
  }

  /** Replaces the list. */
  void write(List<String> persons) throws IOException {
    Files.createDirectories(file.getParent());
    Path next = file.resolveSibling(FILE + ".new");
    Files.write(next, persons, StandardCharsets.UTF_8);
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}

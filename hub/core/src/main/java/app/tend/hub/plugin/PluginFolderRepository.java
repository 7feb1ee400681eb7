package app.tend.hub.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.pf4j.PluginRepository;

/**
 * Finds plugin jars: every {@code *.jar} in the folder (an installation; one that is not a plugin is
 * reported as failed), and for every sub-folder the newest plugin jar in {@code <sub-folder>/target/}
 * (a source checkout after {@code mvn package}).
 */
final class PluginFolderRepository implements PluginRepository {

  private final Path folder;

  PluginFolderRepository(Path folder) {
    this.folder = folder;
  }

  @Override
  public List<Path> getPluginPaths() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : entries.sorted().toList()) {
        if (isJar(entry)) {
          paths.add(entry);
        } else if (Files.isDirectory(entry.resolve("target"))) {
          try (Stream<Path> built = Files.list(entry.resolve("target"))) {
            built.filter(PluginFolderRepository::isPluginJar)
                .max(Comparator.comparing(PluginFolderRepository::modified))
                .ifPresent(paths::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugin folder " + folder, e);
    }
    return paths;
  }

  @Override
  public boolean deletePluginPath(Path pluginPath) {
    return false;
  }

  private static boolean isJar(Path path) {
    String name = path.getFileName().toString();
    return Files.isRegularFile(path) && name.endsWith(".jar") && !name.startsWith("original-");
  }

  private static boolean isPluginJar(Path path) {
    if (!isJar(path)) {
      return false;
    }
    try (JarFile jar = new JarFile(path.toFile())) {
      var manifest = jar.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue("Plugin-Id") != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static long modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}

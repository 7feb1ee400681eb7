package app.tend.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a plugin jar on the fly, in a temp folder: compiles Java sources against the test classpath
 * (PF4J's annotation processor writes {@code META-INF/extensions.idx}) and writes the manifest the
 * plugins parent pom would.
 */
public final class PluginJarBuilder {

  private final String id;
  private String version = "1.0.0";
  private String pluginClass;
  private String dependencies = "";
  private final Map<String, String> sources = new LinkedHashMap<>();

  private PluginJarBuilder(String id) {
    this.id = id;
  }

  /** Starts a plugin with this id. */
  public static PluginJarBuilder plugin(String id) {
    return new PluginJarBuilder(id);
  }

  public PluginJarBuilder version(String version) {
    this.version = version;
    return this;
  }

  /** The fully qualified Plugin-Class. */
  public PluginJarBuilder pluginClass(String className) {
    this.pluginClass = className;
    return this;
  }

  /** Plugin-Dependencies, e.g. {@code other-plugin}. */
  public PluginJarBuilder dependsOn(String dependencies) {
    this.dependencies = dependencies;
    return this;
  }

  /** Adds a source file by fully qualified class name. */
  public PluginJarBuilder source(String className, String code) {
    sources.put(className, code);
    return this;
  }

  /** Compiles and writes {@code <folder>/<id>-<version>.jar}. */
  public Path buildInto(Path folder) {
    try {
      Path work = Files.createTempDirectory(folder.getParent() == null ? folder : folder.getParent(), id + "-build");
      Path src = Files.createDirectories(work.resolve("src"));
      Path classes = Files.createDirectories(work.resolve("classes"));
      List<Path> files = new ArrayList<>();
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        files.add(file);
      }
      compile(files, classes);
      Files.createDirectories(folder);
      Path jar = folder.resolve(id + "-" + version + ".jar");
      writeJar(classes, jar);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void compile(List<Path> files, Path classes) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (var fileManager = compiler.getStandardFileManager(diagnostics, null, null)) {
      var units = fileManager.getJavaFileObjectsFromPaths(files);
      List<String> options = List.of(
          "-d", classes.toString(),
          "-classpath", System.getProperty("java.class.path"),
          "--release", "17");
      boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null, units).call();
      if (!ok) {
        throw new IllegalStateException("plugin " + id + " does not compile: " + diagnostics.getDiagnostics());
      }
    }
  }

  private void writeJar(Path classes, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.putValue("Plugin-Id", id);
    attributes.putValue("Plugin-Version", version);
    if (pluginClass != null) {
      attributes.putValue("Plugin-Class", pluginClass);
    }
    if (!dependencies.isEmpty()) {
      attributes.putValue("Plugin-Dependencies", dependencies);
    }
    attributes.putValue("Plugin-Provider", "tests");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, jarOut);
        jarOut.closeEntry();
      }
    }
  }
}

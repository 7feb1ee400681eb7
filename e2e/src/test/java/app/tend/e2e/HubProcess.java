package app.tend.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged hub ({@code hub/core/target/tend-hub.jar}) run as a child process from the project root. */
final class HubProcess implements AutoCloseable {

  static final Path ROOT = Path.of(System.getProperty("tend.project.root"));
  static final Path JAR = ROOT.resolve("hub/core/target/tend-hub.jar");
  /** The API token every hub started here gets through TEND_API_TOKEN. */
  static final String TOKEN = "e2e-token";

  private final Process process;
  private final Path output;
  private final int httpPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private HubProcess(Process process, Path output, int httpPort) {
    this.process = process;
    this.output = output;
    this.httpPort = httpPort;
  }

  static HubProcess start(Path work, int httpPort, Map<String, String> env, String... args) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run 'mvn verify' (it packages the hub before these tests)");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path output = work.resolve("hub-output.txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().put("TEND_API_TOKEN", TOKEN);
    builder.environment().putAll(env);
    return new HubProcess(builder.start(), output, httpPort);
  }

  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "";
    }
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .header("Authorization", "Bearer " + TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls until the hub answers 200 on /health, failing with its output if it exits or takes too long. */
  void awaitReady(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("hub exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (get("/health").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("hub not ready within " + seconds + " s:\n" + output());
  }

  /** Polls the output until it contains {@code text}. */
  void awaitOutput(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!output().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' in the hub's output within " + seconds + " s:\n" + output());
      }
      Thread.sleep(200);
    }
  }

  /** Sends SIGTERM and waits for the process to exit; returns its exit code. */
  int terminate(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("hub did not exit within " + seconds + " s of SIGTERM:\n" + output());
    }
    return process.exitValue();
  }

  int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("hub did not exit within " + seconds + " s:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}

package app.tend.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto} package) started as a process on a free port,
 * for tests. It can be stopped and started again on the same port, keeping its persistence file, so
 * tests can kill the broker mid-stream.
 */
public final class MosquittoBroker implements AutoCloseable {

  private static final List<String> LOCATIONS = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto");

  private final int port;
  private final Path folder;
  private final Path log;
  private Process process;

  private MosquittoBroker(int port, Path folder) {
    this.port = port;
    this.folder = folder;
    this.log = folder.resolve("mosquitto.log");
  }

  /** Starts Mosquitto on a free port with its files in {@code folder}. */
  public static MosquittoBroker start(Path folder) {
    MosquittoBroker broker = new MosquittoBroker(FreePorts.next(), folder);
    broker.restart();
    return broker;
  }

  /** The path of the mosquitto binary; fails the test with a clear message when it is not installed. */
  public static String binary() {
    return LOCATIONS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElseThrow(() ->
        new IllegalStateException("mosquitto is not installed: run 'apt-get install mosquitto' (.ci/run does)"));
  }

  /** Starts (again) on the same port, with the same persistence file. */
  public synchronized void restart() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      Files.createDirectories(folder);
      Path conf = folder.resolve("mosquitto.conf");
      Files.writeString(conf, String.join("\n",
          "listener " + port + " 127.0.0.1",
          "allow_anonymous true",
          // Started as root, mosquitto would switch to the 'mosquitto' user and could not write its
          // persistence file in a test's folder; naming the current user keeps it who it is.
          "user " + System.getProperty("user.name"),
          "persistence true",
          "persistence_location " + folder.toAbsolutePath() + "/",
          "autosave_interval 1",
          "max_queued_messages 1000000",
          "max_inflight_messages 1000",
          "log_dest stderr",
          "log_type error",
          "log_type warning",
          ""));
      process = new ProcessBuilder(binary(), "-c", conf.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      awaitPort(Duration.ofSeconds(10));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start mosquitto", e);
    }
  }

  /** Stops the broker: {@code SIGTERM}, so it saves its persistence file first. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Kills the broker without letting it save anything. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:<port>}. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** What Mosquitto logged, for failure messages. */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitPort(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mosquitto exited at start: " + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("mosquitto did not listen on port " + port + " within " + timeout + ": " + log());
  }
}

package app.tend.hub.boot;

import static app.tend.hub.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.message.Feedback;
import app.tend.api.message.Suggestion;
import app.tend.hub.store.CoachSnapshot;
import app.tend.hub.store.SqliteStore;
import app.tend.testkit.PluginJarBuilder;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store under {@code kill -9}: a real hub in a child JVM, killed between a suggestion and its feedback. */
@Timeout(300)
class HubKillTest {

  private static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

  @TempDir Path dir;
  private Child child;

  @AfterEach
  void tearDown() {
    if (child != null) {
      child.process.destroyForcibly();
    }
  }

  @Test
  void killedBetweenSuggestionAndFeedbackLosesNothing() throws Exception {
    Path config = dir.resolve("tend.yaml");
    Files.writeString(config, """
        dataDir: %s
        pluginFolder: %s
        http: {port: 0}
        mqtt: {port: 0}
        persons:
          alex: {zone: UTC, quietHours: none, channels: [wrist]}
        """.formatted(dir.resolve("data"), dir.resolve("plugins")));
    Files.createDirectories(dir.resolve("plugins"));

    child = Child.start(config, T0);
    child.send("stress");
    String suggestionId = child.expect("SUGGESTION ").substring("SUGGESTION ".length());
    child.kill();

    child = Child.start(config, T0.plus(Duration.ofMinutes(5)));
    child.send("stress");
    assertThat(child.expect("HELD ")).as("the cooldown survived the kill").isEqualTo("HELD cooldown");
    child.send("feedback SNOOZED " + suggestionId + " 60");
    child.expect("SAVED");
    child.kill();

    child = Child.start(config, T0.plus(Duration.ofMinutes(50)));
    child.send("stress");
    assertThat(child.expect("HELD ")).as("the snooze survived the kill").isEqualTo("HELD snoozed");
    child.kill();

    Vertx vertx = Vertx.vertx();
    try {
      SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("data").resolve("tend.db")));
      List<Suggestion> suggestions = result(store.suggestions("alex", Instant.EPOCH));
      assertThat(suggestions).extracting(Suggestion::id).containsExactly(suggestionId);
      assertThat(result(store.feedback("alex", Instant.EPOCH))).extracting(Feedback::suggestionId, Feedback::kind)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(suggestionId, Feedback.Kind.SNOOZED));
      assertThat(result(store.coachStates())).extracting(CoachSnapshot::json).singleElement().asString()
          .contains("\"snoozedUntil\":\"2026-03-04T11:05:00Z\"");
      result(store.close());
    } finally {
      result(vertx.close());
    }
  }

  @Test
  void aSuggestionSavedButNotYetOfferedWhenKilledIsOfferedAfterTheRestart() throws Exception {
    Path config = dir.resolve("tend.yaml");
    Files.writeString(config, """
        dataDir: %s
        pluginFolder: %s
        http: {port: 0}
        mqtt: {port: 0}
        persons:
          alex: {zone: UTC, quietHours: none, channels: [wrist]}
        """.formatted(dir.resolve("data"), dir.resolve("plugins")));
    // A watch that, in the first run, never finishes showing the offer: the hub is killed in the middle.
    PluginJarBuilder.plugin("slow-watch")
        .pluginClass("test.slow.ThePlugin")
        .source("test.slow.ThePlugin", """
            package test.slow;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
            }
            """)
        .source("test.slow.Watch", """
            package test.slow;
            @org.pf4j.Extension
            public class Watch implements app.tend.api.PromptChannel {
              @Override public String channel() { return "wrist"; }
              @Override public java.util.Set<app.tend.api.ChannelCapability> capabilities() { return java.util.Set.of(); }
              @Override public io.vertx.core.Future<Void> deliver(app.tend.api.message.Prompt prompt) {
                if (System.getenv("SLOW_WATCH_HANGS") != null) {
                  System.out.println("@@ SHOWING " + prompt.suggestionId());
                  return io.vertx.core.Promise.<Void>promise().future();
                }
                System.out.println("@@ SHOWN " + prompt.suggestionId());
                return io.vertx.core.Future.succeededFuture();
              }
            }
            """)
        .buildInto(dir.resolve("plugins"));

    child = Child.start(config, T0, Map.of("SLOW_WATCH_HANGS", "1"));
    child.send("stress");
    String suggestionId = child.expect("SUGGESTION ").substring("SUGGESTION ".length());
    child.awaitSaid("SHOWING " + suggestionId);
    child.kill();

    child = Child.start(config, T0.plus(Duration.ofMinutes(5)), Map.of());
    child.awaitSaid("SHOWN " + suggestionId);
    child.send("stress");
    assertThat(child.expect("HELD ")).as("and it is the one the cooldown counts").isEqualTo("HELD cooldown");
    child.kill();

    Vertx vertx = Vertx.vertx();
    try {
      SqliteStore store = result(SqliteStore.open(vertx, dir.resolve("data").resolve("tend.db")));
      assertThat(result(store.unofferedSuggestions(T0.plus(Duration.ofMinutes(5))))).isEmpty();
      result(store.close());
    } finally {
      result(vertx.close());
    }
  }

  /** The hub in a child JVM with this JVM's class path. */
  private static final class Child {
    final Process process;
    final Writer in;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final StringBuilder log = new StringBuilder();

    private Child(Process process) {
      this.process = process;
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            synchronized (log) {
              log.append(line).append('\n');
            }
            if (line.startsWith("@@ ")) {
              lines.add(line.substring(3));
            }
          }
        } catch (IOException e) {
          lines.add("EXIT " + e.getMessage());
        }
      }, "hub-child-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path config, Instant now) throws Exception {
      return start(config, now, Map.of());
    }

    static Child start(Path config, Instant now, Map<String, String> env) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          HubProcess.class.getName(), config.toString(), now.toString())
          .redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      Child child = new Child(process);
      child.expect("READY");
      return child;
    }

    void send(String command) throws IOException {
      in.write(command + "\n");
      in.flush();
    }

    String expect(String prefix) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
        if (line == null && !process.isAlive()) {
          break;
        }
      }
      synchronized (log) {
        throw new AssertionError("the hub did not say '" + prefix + "'; its output:\n" + log);
      }
    }

    /** Waits until the hub has said this line, whether or not {@link #expect} passed over it. */
    void awaitSaid(String line) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        synchronized (log) {
          if (log.indexOf("@@ " + line + "\n") >= 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
      synchronized (log) {
        throw new AssertionError("the hub did not say '" + line + "'; its output:\n" + log);
      }
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }
  }
}

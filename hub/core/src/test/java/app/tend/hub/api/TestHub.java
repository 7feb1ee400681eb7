package app.tend.hub.api;

import app.tend.hub.boot.Hub;
import app.tend.hub.config.ConfigLoader;
import app.tend.testkit.FreePorts;
import app.tend.testkit.ManualClock;
import app.tend.testkit.PluginJarBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real hub (embedded broker, SQLite store in a temp folder, a plain plugin and a plugin serving the
 * {@code screen} channel) shared by every API test class, on a manual clock that stands still at
 * {@link #T0}; each test class uses its own persons. Test classes get it with
 * {@code @ExtendWith(TestHub.Extension.class)} and a constructor parameter.
 */
final class TestHub implements AutoCloseable {

  static final String TOKEN = "s3cret-token";
  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestHub.class);

  final Hub hub;
  final ManualClock clock;
  final Path folder;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestHub(Hub hub, ManualClock clock, Path folder) {
    this.hub = hub;
    this.clock = clock;
    this.folder = folder;
  }

  /** Hands the one hub to test constructors and methods that take a {@link TestHub}; closes it after all tests. */
  static final class Extension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == TestHub.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestHub.class, key -> start(), TestHub.class);
    }
  }

  private static TestHub start() {
    try {
      Path folder = Files.createTempDirectory("tend-api-test");
      Path plugins = folder.resolve("plugins");
      PluginJarBuilder.plugin("calm-plugin")
          .pluginClass("test.calm.ThePlugin")
          .source("test.calm.ThePlugin", """
              package test.calm;
              public class ThePlugin extends app.tend.api.TendPlugin {
                public ThePlugin(app.tend.api.PluginContext context) { super(context); }
              }
              """)
          .buildInto(plugins);
      PluginJarBuilder.plugin("screen-plugin")
          .pluginClass("test.screen.ThePlugin")
          .source("test.screen.ThePlugin", """
              package test.screen;
              public class ThePlugin extends app.tend.api.TendPlugin {
                public ThePlugin(app.tend.api.PluginContext context) { super(context); }
              }
              """)
          .source("test.screen.Screen", """
              package test.screen;
              import app.tend.api.*;
              import app.tend.api.message.Prompt;
              import io.vertx.core.Future;
              import java.util.Set;
              @org.pf4j.Extension
              public class Screen implements PromptChannel {
                @Override public String channel() { return "screen"; }
                @Override public Set<ChannelCapability> capabilities() { return Set.of(ChannelCapability.SCREEN); }
                @Override public Future<Void> deliver(Prompt prompt) { return Future.succeededFuture(); }
              }
              """)
          .buildInto(plugins);
      Path file = folder.resolve("tend.yaml");
      StringBuilder persons = new StringBuilder();
      for (String person : new String[] {"ana", "ben", "cleo", "dan", "eve", "finn", "gus", "joy", "ivy"}) {
        persons.append("  ").append(person).append(":\n    zone: UTC\n    quietHours: none\n");
      }
      Files.writeString(file, """
          dataDir: %s
          http:
            port: 0
          mqtt:
            port: %d
          pluginFolder: %s
          routines:
            evening:
              trigger: quiet-hours-start
              actions:
                - target: mqtt
                  params: {topic: zigbee2mqtt/lamp/set, payload: {state: "OFF"}}
          persons:
          %s""".formatted(folder.resolve("data"), FreePorts.next(), plugins, persons));
      ConfigLoader.Loaded loaded = new ConfigLoader().load(file, Map.of());
      ManualClock clock = new ManualClock(T0);
      Hub hub = Hub.create(loaded.config(), loaded.binder(), clock, Map.of("TEND_API_TOKEN", TOKEN));
      hub.start().await(60, TimeUnit.SECONDS);
      return new TestHub(hub, clock, folder);
    } catch (Exception e) {
      throw new IllegalStateException("the test hub did not start: " + e, e);
    }
  }

  @Override
  public void close() throws Exception {
    hub.stop().await(30, TimeUnit.SECONDS);
  }

  /** Collects what is published on an address from now on; unregister when done. */
  <T> Listener<T> listen(app.tend.api.Address<T> address) {
    BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    MessageConsumer<T> consumer = hub.vertx().eventBus().consumer(address.name(), m -> queue.add(m.body()));
    return new Listener<>(queue, consumer);
  }

  /** Messages from one address. */
  record Listener<T>(BlockingQueue<T> queue, MessageConsumer<T> consumer) implements AutoCloseable {

    /** The next message, waiting at most 10 s. */
    T next() throws InterruptedException {
      T message = queue.poll(10, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("nothing published within 10 s");
      }
      return message;
    }

    @Override
    public void close() {
      consumer.unregister();
    }
  }

  HttpResponse<String> call(String method, String path, String body, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return call("GET", path, null, TOKEN);
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return call("POST", path, body, TOKEN);
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return call("DELETE", path, null, TOKEN);
  }

  /** A response's JSON body. */
  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  /** A JSON error's message, checking the status first. */
  static String error(HttpResponse<String> response, int status) throws IOException {
    if (response.statusCode() != status) {
      throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.body());
    }
    return json(response).get("error").asText();
  }
}

package app.tend.plugins.home.assistant.ws;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.Secret;
import app.tend.api.Subscription;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.Prompt;
import app.tend.plugins.home.assistant.ws.HomeAssistantWsConfig.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the plugin's extensions share: the one {@link HaConnection}, the media players' states, the notifications
 * sent and their buttons, and each person's quiet hours (from {@link Addresses#SCHEDULE}).
 *
 * <p>The first extension to start creates it on the plugin's event loop and keeps it in that Vert.x context's data
 * (one per deployment of the plugin, so a restarted plugin gets a fresh one); the last to stop closes it. Every
 * method runs on that event loop.
 */
final class HomeAssistantLink {

  private static final Logger log = LoggerFactory.getLogger(HomeAssistantLink.class);
  private static final String KEY = HomeAssistantLink.class.getName();

  private final PluginContext context;
  private final HomeAssistantWsConfig config;
  private final Context loop;
  private final ObjectMapper json = new ObjectMapper();
  private final Notifications notifications = new Notifications(json);
  private final Map<String, Boolean> quiet = new HashMap<>();
  private final Map<String, String> hearers = new HashMap<>();
  private Future<Void> opened;
  private HaConnection connection;
  private PlayerWatch players;
  private Subscription schedule;
  private int users;

  private HomeAssistantLink(PluginContext context, Context loop) {
    this.context = context;
    this.config = context.config(HomeAssistantWsConfig.class);
    this.loop = loop;
  }

  /**
   * The plugin's link, created and connecting on first use; call from an extension's {@code start()}, which runs on
   * the plugin's event loop. Fails when the token cannot be read (naming the key).
   */
  static Future<HomeAssistantLink> acquire(PluginContext context) {
    Context loop = Vertx.currentContext();
    if (loop == null) {
      return Future.failedFuture(new IllegalStateException("start() must run on the plugin's event loop"));
    }
    HomeAssistantLink link = loop.get(KEY);
    if (link == null) {
      link = new HomeAssistantLink(context, loop);
      loop.put(KEY, link);
      link.opened = link.open();
    }
    link.users++;
    HomeAssistantLink acquired = link;
    return link.opened.map(ignored -> acquired);
  }

  /** Gives the link back; the last user closes it. */
  Future<Void> release() {
    users--;
    if (users > 0) {
      return Future.succeededFuture();
    }
    loop.remove(KEY);
    if (schedule != null) {
      schedule.cancel();
    }
    return connection == null ? Future.succeededFuture() : connection.stop();
  }

  private Future<Void> open() {
    if (!config.configured()) {
      log.info("home-assistant-ws: no url is set (plugins.{}.url); the {} and {} channels refuse every prompt",
          context.pluginId(), config.speakerChannel(), config.phoneChannel());
      return Future.succeededFuture();
    }
    String prefix = "plugins." + context.pluginId() + ".token";
    return context.vertx().executeBlocking(() -> Secret.read(prefix, config.tokenEnv(), config.tokenFile(),
        System.getenv()).orElseThrow()).map(token -> {
          connection = new HaConnection(context.vertx(), config, token);
          players = new PlayerWatch(context.vertx(), connection, config.persons().values().stream()
              .filter(p -> p.speaker().startsWith("media_player.")).map(Person::speaker).toList(), json);
          connection.onLost(players::lost);
          if (config.persons().values().stream().anyMatch(p -> !p.phone().isEmpty())) {
            connection.subscribe(json.createObjectNode().put("type", "subscribe_events")
                .put("event_type", "mobile_app_notification_action"), "notification actions", this::onAction);
          }
          if (config.assist()) {
            listenToAssist();
          }
          schedule = context.subscribe(Addresses.SCHEDULE, status -> quiet.put(status.person(), status.quietHours()));
          connection.start();
          return null;
        });
  }

  HomeAssistantWsConfig config() {
    return config;
  }

  HaConnection connection() {
    return connection;
  }

  /** Why a prompt cannot be delivered at all, or empty when it can be tried. */
  Optional<String> unusable() {
    return connection == null
        ? Optional.of("Home Assistant is not set up (plugins." + context.pluginId() + ".url)") : Optional.empty();
  }

  /** True during the person's quiet hours, as the schedule last said. */
  boolean quiet(String person) {
    return quiet.getOrDefault(person, false);
  }

  // ---- speaking --------------------------------------------------------------------------------

  /**
   * Says the prompt on the person's speaker: completes when it has been said (a media player went back from playing,
   * a satellite's announcement finished). Waits up to {@code connectWaitSeconds} for Home Assistant, and says it
   * again when the connection closed while it was being said and Home Assistant comes back in time.
   */
  Future<Void> speak(Person person, Prompt prompt) {
    long deadline = System.nanoTime() + (config.connectWaitSeconds() + config.speakTimeoutSeconds()) * 1_000_000_000L;
    return attempt(person, prompt, deadline);
  }

  private Future<Void> attempt(Person person, Prompt prompt, long deadline) {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    return connection.whenReady(Math.min(left, config.connectWaitSeconds() * 1000L))
        .compose(ready -> sayOnce(person, prompt))
        .recover(failure -> {
          boolean lost = failure instanceof HaConnection.NotConnected
              && connection.status() != HaConnection.Status.READY
              && connection.status() != HaConnection.Status.REFUSED
              && connection.status() != HaConnection.Status.STOPPED;
          if (lost && System.nanoTime() < deadline) {
            log.info("home-assistant-ws: the connection closed while saying '{}'; it is said again if Home "
                + "Assistant is back within {} s", prompt.text(), config.connectWaitSeconds());
            return connection.whenReady(Math.min((deadline - System.nanoTime()) / 1_000_000,
                config.connectWaitSeconds() * 1000L)).compose(ready -> sayOnce(person, prompt));
          }
          return Future.failedFuture(failure);
        });
  }

  private Future<Void> sayOnce(Person person, Prompt prompt) {
    long timeout = config.speakTimeoutSeconds() * 1000L;
    if (person.satellite()) {
      ObjectNode data = json.createObjectNode().put("message", prompt.text());
      // No chime before every breath of an exercise; Home Assistant knows preannounce from 2025.4.
      if (prompt.kind() == Prompt.Kind.STEP && atLeast(connection.haVersion(), 2025, 4)) {
        data.put("preannounce", false);
      }
      return connection.call(service("assist_satellite", "announce", person.speaker(), data), timeout).mapEmpty();
    }
    ObjectNode data = json.createObjectNode()
        .put("media_player_entity_id", person.speaker())
        .put("message", prompt.text());
    if (!config.language().isEmpty()) {
      data.put("language", config.language());
    }
    PlayerWatch.Wait wait = players.expect(person.speaker());
    return connection.call(service("tts", "speak", config.ttsOf(person), data), timeout)
        .onFailure(wait::cancel)
        .compose(result -> wait.finished(config.playingWithinSeconds() * 1000L, timeout));
  }

  // ---- notifications ---------------------------------------------------------------------------

  /** Shows the prompt on the person's phone; completes when Home Assistant took it (it hands it to the phone). */
  Future<Void> notify(Person person, Prompt prompt) {
    return connection.whenReady(config.connectWaitSeconds() * 1000L)
        .compose(ready -> connection.call(notifications.command(person.phone(), prompt, quiet(prompt.person()))))
        .mapEmpty();
  }

  private void onAction(JsonNode event) {
    JsonNode data = event.path("data");
    if (!Notifications.isTends(data)) {
      return;
    }
    Optional<Notifications.Press> read = notifications.read(data);
    if (read.isEmpty()) {
      command("unknown");
      log.info("home-assistant-ws: a notification button ({}) that Tend no longer knows was pressed (sent before a "
          + "restart?); ignored", data.path("action").asText());
      return;
    }
    Notifications.Press press = read.get();
    Notifications.Sent sent = press.sent();
    String person = sent.person();
    Optional<Person> devices = config.person(person);
    if (devices.isEmpty()) {
      return;
    }
    var now = context.clock().instant();
    switch (press.verb()) {
      case START -> {
        String on = devices.get().guidesOnSpeaker() && !quiet(person) ? config.speakerChannel() : config.phoneChannel();
        context.publish(Addresses.FEEDBACK, new Feedback(person, sent.suggestionId(), sent.exerciseId(),
            Feedback.Kind.ACCEPTED, null, null, on, now));
        if (on.equals(config.speakerChannel())) {
          clearPhone(devices.get(), person);
        }
      }
      case NOTNOW -> {
        context.publish(Addresses.FEEDBACK, new Feedback(person, sent.suggestionId(), sent.exerciseId(),
            Feedback.Kind.SNOOZED, null, null, config.phoneChannel(), now));
        clearPhone(devices.get(), person);
      }
      case STOP, DONE -> {
        context.publish(Addresses.INTENTS, new Intent(person, Intent.Kind.STOP, Map.of(), context.pluginId(), "", now));
        clearPhone(devices.get(), person);
      }
      case RATE -> {
        Integer rating = Sentences.rating(press.replyText()).orElse(null);
        if (rating == null) {
          command("bad_rating");
          log.info("home-assistant-ws: {} answered the check-in with '{}', not a number from 0 to 10; ignored", person,
              press.replyText());
          return;
        }
        context.publish(Addresses.FEEDBACK, new Feedback(person, sent.suggestionId(), sent.exerciseId(),
            Feedback.Kind.RATED, rating, null, config.phoneChannel(), now));
        clearPhone(devices.get(), person);
      }
    }
    command(press.verb().name().toLowerCase(java.util.Locale.ROOT));
  }

  private void clearPhone(Person person, String id) {
    connection.call(notifications.clear(person.phone(), id))
        .onFailure(e -> log.debug("home-assistant-ws: could not clear {}'s notification: {}", id, e.getMessage()));
  }

  private void command(String what) {
    context.meters().counter(Meters.HOME_COMMANDS, "command", what).increment();
  }

  // ---- Assist ----------------------------------------------------------------------------------

  private void listenToAssist() {
    config.sentences().forEach((name, commands) -> {
      if (commands.isEmpty()) {
        return;
      }
      ObjectNode trigger = json.createObjectNode().put("platform", "conversation");
      commands.forEach(trigger.putArray("command")::add);
      ObjectNode command = json.createObjectNode().put("type", "subscribe_trigger");
      command.set("trigger", trigger);
      Intent.Kind kind = Sentences.KINDS.get(name);
      connection.subscribe(command, "Tend's Assist sentences for " + name, event -> heard(kind, event));
    });
    config.persons().forEach((person, devices) -> devices.assistDevices().forEach(d -> hearers.put(d, person)));
    // A satellite's sentences carry its device id; the entity registry tells which device a satellite is.
    connection.onReady(() -> config.persons().forEach((person, devices) -> {
      if (devices.satellite()) {
        connection.call(json.createObjectNode().put("type", "config/entity_registry/get")
            .put("entity_id", devices.speaker()))
            .onSuccess(entry -> {
              String device = entry.path("device_id").asText("");
              if (!device.isEmpty()) {
                hearers.put(device, person);
              }
            })
            .onFailure(e -> log.warn("home-assistant-ws: cannot find the device of {} ({}): sentences it hears are "
                + "not taken as {}'s", devices.speaker(), e.getMessage(), person));
      }
    }));
  }

  private void heard(Intent.Kind kind, JsonNode event) {
    JsonNode trigger = event.path("variables").path("trigger");
    String device = trigger.path("device_id").asText("");
    String person = hearers.get(device);
    if (person == null && config.persons().size() == 1) {
      person = config.persons().keySet().iterator().next();
    }
    if (person == null) {
      ignored("unknown_site");
      log.info("home-assistant-ws: Assist heard '{}' on a device that is no one's ({}); ignored: add it to a person's "
          + "assistDevices", trigger.path("sentence").asText(), device.isEmpty() ? "no device" : device);
      return;
    }
    Map<String, String> slots = new HashMap<>();
    JsonNode said = trigger.path("slots");
    if (said.hasNonNull("exercise")) {
      slots.put("exercise", said.get("exercise").asText().trim());
    }
    if (kind == Intent.Kind.RATE_DISTRESS) {
      Optional<Integer> rating = Sentences.rating(said.path("rating").asText(""));
      if (rating.isEmpty()) {
        ignored("bad_rating");
        return;
      }
      slots.put("rating", Integer.toString(rating.get()));
    }
    if (kind == Intent.Kind.START_EXERCISE && quiet(person)
        && config.person(person).map(p -> !p.phone().isEmpty()).orElse(false)) {
      // Quiet hours: guided on the phone, not aloud.
      slots.put("channel", config.phoneChannel());
    }
    context.publish(Addresses.INTENTS, new Intent(person, kind, slots, context.pluginId(), device,
        context.clock().instant()));
  }

  private void ignored(String reason) {
    context.meters().counter(Meters.VOICE_IGNORED, Meters.TAG_REASON, reason).increment();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private ObjectNode service(String domain, String service, String entity, ObjectNode data) {
    ObjectNode command = json.createObjectNode()
        .put("type", "call_service")
        .put("domain", domain)
        .put("service", service);
    command.putObject("target").put("entity_id", entity);
    command.set("service_data", data);
    return command;
  }

  /** True when a version like {@code 2025.6.1} is at least {@code year.month}. */
  static boolean atLeast(String version, int year, int month) {
    String[] parts = version.split("\\.");
    try {
      int y = Integer.parseInt(parts[0]);
      int m = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
      return y > year || (y == year && m >= month);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

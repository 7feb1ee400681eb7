package app.tend.plugins.home.assistant;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.TendExtension;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.Suggestion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows every configured person in Home Assistant by MQTT discovery, and acts on what is pressed there.
 *
 * <p>On every connect, and whenever Home Assistant says {@code online} on its status topic, it publishes
 * each person's discovery configs (retained) and the entities' last states (retained). States follow the
 * bus: stress, schedule, the coach's suggestions and its do-not-disturb setting. The button publishes a
 * {@code START_EXERCISE} intent, the switch {@code DO_NOT_DISTURB_ON} or {@code _OFF}; the switch shows
 * what the coach then says it does. The hub gives a starting plugin every person's current stress, schedule and
 * do-not-disturb first, so each entity is right within seconds of a start or re-enable. A person taken out of the config, or every person when the plugin is
 * disabled, has their entities removed (empty retained configs).
 */
@Extension
public final class DiscoveryBridge implements TendExtension {

  private static final Logger log = LoggerFactory.getLogger(DiscoveryBridge.class);
  /** What each answer to a suggestion shows as the last suggestion's {@code answer} attribute. */
  private static final Map<Feedback.Kind, String> ANSWERS = Map.of(Feedback.Kind.ACCEPTED, "accepted",
      Feedback.Kind.STARTED, "started", Feedback.Kind.SNOOZED, "snoozed", Feedback.Kind.DISMISSED, "dismissed");
  /**
   * Between removing an entity and clearing its retained states: Home Assistant removes the entity (and stops
   * listening to its topics) a moment after the empty config, and would log the empty attributes as bad JSON.
   */
  static final long REMOVAL_GRACE_MS = 1000;

  private final PluginContext context;
  private final Map<String, Topics> persons = new LinkedHashMap<>();
  /** The last state published per topic, published again on every announcement. */
  private final Map<String, String> states = new LinkedHashMap<>();
  /** Each person's last suggestion until it is answered, so its attributes can say the answer. */
  private final Map<String, Suggestion> lastSuggestion = new HashMap<>();
  private HomeAssistantConfig config;
  private AnnouncedPersons announced;
  private Set<String> removed = Set.of();
  private MqttLink link;
  /** Set once disabling began: a late update must not put back a retained state just cleared. */
  private volatile boolean removing;

  public DiscoveryBridge(PluginContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    config = context.config(HomeAssistantConfig.class);
    config.persons().forEach(person -> persons.put(person, new Topics(person, config)));
    if (persons.isEmpty()) {
      log.warn("Home Assistant bridge: plugins.{}.persons is empty, so Home Assistant gets no entities", context.pluginId());
    }
    announced = new AnnouncedPersons(context.dataDir());
    List<String> filters = new ArrayList<>(List.of(Topics.commandFilters(config)));
    filters.add(0, config.statusTopic());
    // One event loop for the bus handlers and the MQTT callbacks, so the state kept here has one owner.
    Context eventLoop = context.vertx().getOrCreateContext();
    link = new MqttLink(eventLoop, context.broker(), Topics.availability(config), filters.toArray(String[]::new),
        config.qos(), new MqttLink.Listener() {
          @Override
          public void connected() {
            onConnected();
          }

          @Override
          public void message(String topic, String payload) {
            onMessage(topic, payload);
          }
        });
    Promise<Void> started = Promise.promise();
    eventLoop.runOnContext(ignored -> context.vertx().executeBlocking(() -> {
      Set<String> before = new LinkedHashSet<>(announced.read());
      before.removeAll(persons.keySet());
      return before;
    }).compose(gone -> {
      removed = gone;
      context.subscribe(Addresses.STRESS, s -> StatePayloads.of(s).forEach((e, p) -> state(s.person(), e, p)));
      context.subscribe(Addresses.SCHEDULE, s -> StatePayloads.of(s).forEach((e, p) -> state(s.person(), e, p)));
      context.subscribe(Addresses.SUGGESTIONS, s -> {
        Topics topics = persons.get(s.person());
        if (topics != null) {
          lastSuggestion.put(s.person(), s);
          publishState(topics.attributes(Entity.LAST_SUGGESTION), StatePayloads.attributes(s));
          publishState(topics.state(Entity.LAST_SUGGESTION), StatePayloads.state(s));
        }
      });
      context.subscribe(Addresses.FEEDBACK, f -> {
        String answer = ANSWERS.get(f.kind());
        if (answer != null) {
          answered(f.person(), f.suggestionId(), answer, f.time());
        }
      });
      // "No thanks" and "not now" said to a voice channel reach the hub as intents, not as feedback.
      context.subscribe(Addresses.INTENTS, i -> {
        if (i.kind() == Intent.Kind.DECLINE || i.kind() == Intent.Kind.SNOOZE) {
          answered(i.person(), "", i.kind() == Intent.Kind.DECLINE ? "dismissed" : "snoozed", i.time());
        }
      });
      context.subscribe(Addresses.DO_NOT_DISTURB, d -> state(d.person(), Entity.DO_NOT_DISTURB, d.on() ? Entity.ON : Entity.OFF));
      return link.start();
    }).onComplete(started));
    return started.future();
  }

  /** Shows on the last suggestion what the person did with it; after "accepted", "started" may follow. */
  private void answered(String person, String suggestionId, String answer, Instant at) {
    Suggestion last = lastSuggestion.get(person);
    Topics topics = persons.get(person);
    if (last == null || topics == null || (!suggestionId.isEmpty() && !suggestionId.equals(last.id()))) {
      return;
    }
    if (!answer.equals("accepted")) {
      lastSuggestion.remove(person);
    }
    publishState(topics.attributes(Entity.LAST_SUGGESTION), StatePayloads.attributes(last, answer, at));
  }

  @Override
  public Future<Void> disabling() {
    removing = true;
    List<Future<Void>> cleared = new ArrayList<>();
    persons.values().forEach(topics -> cleared.add(clear(topics)));
    return Future.join(cleared)
        .compose(ignored -> context.vertx().<Void>executeBlocking(() -> {
          announced.write(List.of());
          return null;
        }))
        .onSuccess(ignored -> log.info("Home Assistant bridge: removed the entities of {}", persons.keySet()))
        .mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    return link == null ? Future.succeededFuture() : link.stop();
  }

  // ---------------------------------------------------------------------------------------------

  private void onConnected() {
    List<Future<Void>> cleared = new ArrayList<>();
    removed.forEach(person -> cleared.add(clear(new Topics(person, config))));
    Future.join(cleared)
        .compose(ignored -> context.vertx().<Void>executeBlocking(() -> {
          announced.write(List.copyOf(persons.keySet()));
          return null;
        }))
        .onSuccess(ignored -> {
          if (!removed.isEmpty()) {
            log.info("Home Assistant bridge: removed the entities of {}, no longer configured", removed);
            removed = Set.of();
          }
        })
        .onFailure(e -> log.warn("Home Assistant bridge: cannot remove the entities of {}: {}", removed, e.getMessage()));
    announce();
  }

  /** Publishes every discovery config, then every known state, all retained. */
  private void announce() {
    for (Topics topics : persons.values()) {
      for (Entity entity : Entity.values()) {
        link.publish(topics.discovery(entity), entity.discovery(topics).encode(), true)
            .onFailure(e -> log.debug("Discovery config {} not sent: {}", topics.discovery(entity), e.getMessage()));
      }
    }
    states.forEach((topic, payload) -> link.publish(topic, payload, true));
    log.info("Home Assistant bridge: announced {} entities each for {}", Entity.values().length, persons.keySet());
  }

  /** Removes a person's entities, then (once Home Assistant has let go of them) their retained states. */
  private Future<Void> clear(Topics topics) {
    List<Future<Void>> configs = new ArrayList<>();
    for (Entity entity : Entity.values()) {
      configs.add(link.publish(topics.discovery(entity), "", true));
    }
    List<String> retained = new ArrayList<>();
    for (Entity entity : Entity.values()) {
      if (entity != Entity.START_GROUNDING) {
        retained.add(topics.state(entity));
      }
    }
    retained.add(topics.attributes(Entity.LAST_SUGGESTION));
    retained.add(topics.availability(Entity.NEXT_SESSION));
    retained.forEach(states::remove);
    return Future.all(configs)
        .compose(ignored -> context.vertx().timer(REMOVAL_GRACE_MS))
        .compose(ignored -> Future.all(retained.stream().map(topic -> link.publish(topic, "", true)).toList()))
        .mapEmpty();
  }

  private void onMessage(String topic, String payload) {
    if (topic.equals(config.statusTopic())) {
      if ("online".equals(payload.trim())) {
        log.info("Home Assistant is online again: announcing Tend's entities");
        announce();
      }
      return;
    }
    String[] parts = topic.substring(config.baseTopic().length() + 1).split("/");
    Topics topics = parts.length == 3 ? persons.get(parts[0]) : null;
    if (topics == null) {
      log.debug("Home Assistant bridge: ignoring {} (no such person here)", topic);
      return;
    }
    String person = parts[0];
    if (topic.equals(topics.command(Entity.START_GROUNDING))) {
      Map<String, String> slots = config.groundingExercise().equals("any") ? Map.of()
          : Map.of("exercise", config.groundingExercise());
      intent(person, Intent.Kind.START_EXERCISE, slots, "start_grounding");
    } else if (topic.equals(topics.command(Entity.DO_NOT_DISTURB))) {
      switch (payload.trim()) {
        case Entity.ON -> intent(person, Intent.Kind.DO_NOT_DISTURB_ON, Map.of(), "do_not_disturb_on");
        case Entity.OFF -> intent(person, Intent.Kind.DO_NOT_DISTURB_OFF, Map.of(), "do_not_disturb_off");
        default -> log.warn("Home Assistant bridge: {} takes ON or OFF, not '{}'", topic, payload);
      }
    }
  }

  private void intent(String person, Intent.Kind kind, Map<String, String> slots, String command) {
    context.meters().counter(Meters.HOME_COMMANDS, "command", command).increment();
    context.publish(Addresses.INTENTS, new Intent(person, kind, slots, context.pluginId(), "", context.clock().instant()));
  }

  private void state(String person, Entity entity, String payload) {
    Topics topics = persons.get(person);
    if (topics == null) {
      return;
    }
    if (entity == Entity.NEXT_SESSION) {
      boolean planned = !payload.equals(Entity.NONE);
      if (planned) {
        publishState(topics.state(entity), payload);
      }
      publishState(topics.availability(entity), planned ? Entity.ONLINE : Entity.OFFLINE);
    } else {
      publishState(topics.state(entity), payload);
    }
  }

  /** Publishes a state (retained) when it changed; kept for the next announcement either way. */
  private void publishState(String topic, String payload) {
    if (removing || payload.equals(states.put(topic, payload))) {
      return;
    }
    if (link.connected()) {
      link.publish(topic, payload, true).onFailure(e -> log.debug("State {} not sent: {}", topic, e.getMessage()));
    }
  }
}

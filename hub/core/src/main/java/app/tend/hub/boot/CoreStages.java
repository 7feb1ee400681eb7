package app.tend.hub.boot;

import app.tend.api.Addresses;
import app.tend.api.ChannelCapability;
import app.tend.api.ExerciseSource;
import app.tend.api.Meters;
import app.tend.api.PromptChannel;
import app.tend.api.RoutineTarget;
import app.tend.api.ScheduleSource;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.CalendarEvent;
import app.tend.hub.api.LatestState;
import app.tend.hub.channels.PluginChannels;
import app.tend.hub.channels.PromptDelivery;
import app.tend.hub.channels.PromptSender;
import app.tend.api.message.RoutineAction;
import app.tend.hub.coach.ChannelDirectory;
import app.tend.hub.coach.Coach;
import app.tend.hub.coach.CoachVerticle;
import app.tend.hub.config.ConfigException;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.config.TendConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.hub.json.Json;
import app.tend.hub.plugin.PluginRuntime;
import app.tend.hub.runner.ExerciseRunner;
import app.tend.hub.runner.Timers;
import app.tend.hub.routines.RoutineEngine;
import app.tend.hub.routines.Targets;
import app.tend.hub.schedule.CalendarFeed;
import app.tend.hub.schedule.ScheduleService;
import app.tend.hub.schedule.Schedules;
import app.tend.hub.store.Recorder;
import app.tend.hub.store.SqliteStore;
import app.tend.hub.store.Store;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own stages after the plugins: store, exercise library, exercise runner and prompt delivery,
 * schedule, coach and routines, created and
 * checked with the config, started before the plugins (so nothing they publish is missed) and told
 * when the plugins are up (their calendars and exercises).
 */
final class CoreStages {

  private static final Logger log = LoggerFactory.getLogger(CoreStages.class);

  private final TendConfig config;
  private final Clock clock;
  private final ExerciseCatalogue catalogue;
  private SqliteStore store;
  private ScheduleService schedule;
  private CoachVerticle coach;
  private ExerciseRunner runner;
  private RoutineEngine routines;
  private LatestState latest;

  /**
   * Loads the exercise library and checks the persons' exercise ids against it.
   *
   * @throws ConfigException naming the file, exercise and field, or the person's key
   */
  CoreStages(TendConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.catalogue = ExerciseCatalogue.load(config.exercisesFile());
    config.persons().forEach((id, person) -> {
      checkExercises("persons." + id + ".dislikes", person.dislikes());
      checkExercises("persons." + id + ".practice.exercises", person.practice().exercises());
    });
  }

  private void checkExercises(String key, List<String> ids) {
    for (int i = 0; i < ids.size(); i++) {
      if (!catalogue.has(ids.get(i))) {
        throw new ConfigException(key + "[" + i + "]: '" + ids.get(i) + "' is not valid: expected an exercise id from the "
            + "catalogue (" + String.join(", ", catalogue.all().stream().map(e -> e.id()).toList()) + ")");
      }
    }
  }

  /**
   * Opens the store and starts the recorder, the latest state (before the coach and the schedule, to hear what
   * they publish at start), the runner and prompt delivery, the coach, the routines and the schedule, in that order.
   */
  Future<Void> start(Vertx vertx, MeterRegistry meters, PluginRuntime plugins) {
    return SqliteStore.open(vertx, config.databasePath())
        .compose(opened -> {
          store = opened;
          Gauge.builder(Meters.STORE_WRITABLE, opened, s -> s.writable() ? 1 : 0)
              .description("1 while the store can write")
              .register(meters);
          return savePersons(opened);
        })
        .compose(ignored -> vertx.deployVerticle(new Recorder(store, clock, config.store(), meters)))
        .compose(ignored -> {
          latest = new LatestState(clock);
          return vertx.deployVerticle(latest);
        })
        .compose(ignored -> {
          PromptSender sender = new PromptSender(vertx, new PluginChannels(plugins), meters);
          runner = new ExerciseRunner(catalogue, sender, config.persons()::containsKey, config::channelsOf, clock,
              Timers.of(vertx), config.runner(), meters);
          return vertx.deployVerticle(runner)
              .compose(deployed -> vertx.deployVerticle(new PromptDelivery(sender, runner, store::saveOffer, clock, meters)));
        })
        .compose(ignored -> {
          Coach logic = new Coach(config.persons().keySet(), config::person, config.coach(), catalogue, clock,
              channels(plugins), new Random(), (person, reason) -> meters.counter(Meters.SUGGESTIONS_HELD,
                  Meters.TAG_REASON, reason).increment());
          coach = new CoachVerticle(logic, store, clock, meters);
          return vertx.deployVerticle(coach);
        })
        .compose(ignored -> {
          routines = new RoutineEngine(config.routines(), config::person, config.coach().minConfidence(),
              targets(plugins), store, clock, meters);
          return vertx.deployVerticle(routines);
        })
        .compose(ignored -> {
          Schedules schedules = new Schedules(config.persons().keySet(), config::person, config.schedule());
          schedule = new ScheduleService(schedules, calendars(plugins), store, clock, config.schedule(), meters);
          return vertx.deployVerticle(schedule);
        })
        .<Void>mapEmpty()
        .onSuccess(ignored -> log.info("Coach ready: {} exercises, persons {}", catalogue.all().size(),
            config.persons().isEmpty() ? "(none configured)" : config.persons().keySet()));
  }

  /**
   * Adds the plugins' exercises, reads their calendars, and offers again the suggestions the hub was stopped
   * in the middle of offering (made and saved, so the coach already counts them, but never delivered).
   */
  Future<Void> pluginsStarted(Vertx vertx, PluginRuntime plugins) {
    for (ExerciseSource source : plugins.extensions(ExerciseSource.class)) {
      String owner = plugins.ownerOf(source).orElse(source.getClass().getName());
      try {
        catalogue.add("plugin " + owner, source.exercises());
      } catch (RuntimeException e) {
        plugins.fail(owner, e);
      }
    }
    if (routines != null && !routines.missingTargets().isEmpty()) {
      log.warn("Routines name targets no running plugin offers: {}; their actions will fail until one does",
          routines.missingTargets());
    }
    Future<Void> resumed = store == null ? Future.succeededFuture() : store.unofferedSuggestions(clock.instant())
        .onSuccess(unoffered -> unoffered.forEach(s -> {
          log.info("Offering again suggestion {} for {} ({}), made at {} before the hub stopped", s.id(), s.person(),
              s.title(), s.createdAt());
          vertx.eventBus().publish(Addresses.SUGGESTIONS.name(), s);
        }))
        .<Void>mapEmpty()
        .recover(e -> {
          log.warn("Cannot read the suggestions left unoffered at the last stop: {}", e.getMessage());
          return Future.succeededFuture();
        });
    return resumed.compose(ignored -> schedule == null ? Future.succeededFuture() : schedule.refresh());
  }

  /** Closes the store; the verticles go with Vert.x. */
  Future<Void> stop() {
    return store == null ? Future.succeededFuture() : store.close();
  }

  /** The store, once started. */
  Store store() {
    return store;
  }

  /** The coach, once started. */
  CoachVerticle coach() {
    return coach;
  }

  /** The exercise runner, once started. */
  ExerciseRunner runner() {
    return runner;
  }

  /** The routine engine, once started. */
  RoutineEngine routines() {
    return routines;
  }

  /** The schedule, once started. */
  ScheduleService schedule() {
    return schedule;
  }

  /** The latest state of each person, once started. */
  LatestState latest() {
    return latest;
  }

  /** The exercise library. */
  ExerciseCatalogue catalogue() {
    return catalogue;
  }

  private Future<Void> savePersons(Store opened) {
    List<Future<Void>> saves = new ArrayList<>();
    for (Map.Entry<String, PersonConfig> person : config.persons().entrySet()) {
      try {
        saves.add(opened.savePerson(person.getKey(), Json.MAPPER.writeValueAsString(person.getValue()), clock.instant()));
      } catch (JsonProcessingException e) {
        return Future.failedFuture(e);
      }
    }
    return Future.all(saves).mapEmpty();
  }

  private static ChannelDirectory channels(PluginRuntime plugins) {
    return name -> {
      for (PromptChannel channel : plugins.extensions(PromptChannel.class)) {
        if (channel.channel().equals(name)) {
          return channel.capabilities().contains(ChannelCapability.VOICE);
        }
      }
      return ChannelDirectory.BY_NAME.isVoice(name);
    };
  }

  private static Targets targets(PluginRuntime plugins) {
    return new Targets() {
      @Override
      public Optional<RoutineTarget> find(String type) {
        return plugins.extensions(RoutineTarget.class).stream().filter(t -> type.equals(typeOf(t))).findFirst();
      }

      @Override
      public List<String> types() {
        return plugins.extensions(RoutineTarget.class).stream().map(CoreStages::typeOf).distinct().toList();
      }

      @Override
      public Future<ActionOutcome> call(RoutineTarget target, RoutineAction action, boolean dryRun) {
        return plugins.call(target, () -> target.execute(action, dryRun));
      }
    };
  }

  /** A target's type; one whose type() throws offers none. */
  private static String typeOf(RoutineTarget target) {
    try {
      return target.type();
    } catch (RuntimeException e) {
      log.warn("Routine target {} cannot say its type: {}", target.getClass().getName(), e.getMessage());
      return "";
    }
  }

  private static CalendarFeed calendars(PluginRuntime plugins) {
    return (from, to) -> {
      Map<String, Future<List<CalendarEvent>>> answers = new LinkedHashMap<>();
      for (ScheduleSource source : plugins.extensions(ScheduleSource.class)) {
        String owner = plugins.ownerOf(source).orElse(source.getClass().getName());
        String key = answers.containsKey(owner) ? owner + "#" + answers.size() : owner;
        answers.put(key, plugins.call(source, () -> source.events(from, to)));
      }
      return answers;
    };
  }
}

package app.tend.hub.routines;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.Feedback;
import app.tend.api.message.RoutineAction;
import app.tend.api.message.RoutineRun;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.SessionEvent;
import app.tend.api.message.StressState;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.config.RoutineActionConfig;
import app.tend.hub.config.RoutineConfig;
import app.tend.hub.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs home routines: watches the bus for their triggers (through a {@link TriggerDetector}), checks
 * their conditions, sends every action to its target at once (each bounded and retried by an
 * {@link ActionRunner}, so a failing target holds up nothing), then records the run in the store and
 * publishes it on {@link Addresses#ROUTINES}. A routine can also be fired by hand, for real or as a
 * dry run that only says what would be sent.
 */
public final class RoutineEngine extends VerticleBase {

  /** What a run by hand is recorded as having been triggered by. */
  public static final String BY_HAND = "api";

  private static final Logger log = LoggerFactory.getLogger(RoutineEngine.class);

  private final Map<String, RoutineConfig> routines;
  private final Function<String, PersonConfig> persons;
  private final Targets targets;
  private final Store store;
  private final Clock clock;
  private final MeterRegistry meters;
  private final TriggerDetector detector;
  private ActionRunner runner;

  /**
   * @param routines the routines by id, as configured
   * @param persons every person's settings (for the time zone of a time window)
   * @param minConfidence stress states less sure than this do not count as high stress
   */
  public RoutineEngine(Map<String, RoutineConfig> routines, Function<String, PersonConfig> persons, double minConfidence,
      Targets targets, Store store, Clock clock, MeterRegistry meters) {
    this.routines = Map.copyOf(routines);
    this.persons = persons;
    this.targets = targets;
    this.store = store;
    this.clock = clock;
    this.meters = meters;
    this.detector = new TriggerDetector(minConfidence);
  }

  @Override
  public Future<?> start() {
    runner = new ActionRunner(vertx, targets);
    var bus = vertx.eventBus();
    bus.<SessionEvent>consumer(Addresses.SESSIONS.name(), m -> fired(detector.onSession(m.body())));
    bus.<ScheduleStatus>consumer(Addresses.SCHEDULE.name(), m -> fired(detector.onSchedule(m.body())));
    bus.<StressState>consumer(Addresses.STRESS.name(), m -> fired(detector.onStress(m.body())));
    bus.<Feedback>consumer(Addresses.FEEDBACK.name(), m -> fired(detector.onFeedback(m.body())));
    if (!routines.isEmpty()) {
      log.info("Routines: {}", routines.entrySet().stream()
          .map(e -> e.getKey() + " (" + e.getValue().trigger() + ")").collect(Collectors.joining(", ")));
    }
    return Future.succeededFuture();
  }

  /** The routines by id, as configured. */
  public Map<String, RoutineConfig> routines() {
    return routines;
  }

  /**
   * Runs a routine now, whatever its trigger and conditions; with {@code dryRun}, every target only says
   * what it would send. The run is recorded either way.
   *
   * @param person the person to run it for, or empty
   * @return the run; fails with {@link NoSuchElementException} for an unknown routine
   */
  public Future<RoutineRun> fire(String id, String person, boolean dryRun) {
    if (!routines.containsKey(id)) {
      return Future.failedFuture(new NoSuchElementException("no routine '" + id + "'"));
    }
    Promise<RoutineRun> done = Promise.promise();
    context.runOnContext(ignored -> run(id, routines.get(id), BY_HAND, person, dryRun).onComplete(done));
    return done.future();
  }

  /** A routine's most recent runs, newest first. */
  public Future<List<RoutineRun>> runs(String id, int limit) {
    return store.routineRuns(id, limit);
  }

  /** The target types the routines name that no running plugin offers. */
  public List<String> missingTargets() {
    List<String> running = targets.types();
    return routines.values().stream().flatMap(r -> r.actions().stream()).map(RoutineActionConfig::target)
        .distinct().filter(type -> !running.contains(type)).toList();
  }

  private void fired(List<TriggerDetector.Fired> fired) {
    for (TriggerDetector.Fired f : fired) {
      routines.forEach((id, routine) -> {
        if (routine.triggerKind() == f.trigger() && holds(routine.conditions(), f.person())) {
          run(id, routine, f.trigger().wireName(), f.person(), false);
        }
      });
    }
  }

  private boolean holds(RoutineConfig.Conditions conditions, String person) {
    if (!conditions.persons().isEmpty() && !conditions.persons().contains(person)) {
      return false;
    }
    return conditions.window()
        .map(window -> window.contains(clock.instant().atZone(persons.apply(person).zoneId()).toLocalTime()))
        .orElse(true);
  }

  private Future<RoutineRun> run(String id, RoutineConfig routine, String trigger, String person, boolean dryRun) {
    Instant started = clock.instant();
    List<Future<ActionOutcome>> outcomes = new ArrayList<>();
    for (RoutineActionConfig action : routine.actions()) {
      RoutineAction message = new RoutineAction(id, action.target(), action.textParams(), action.timeoutSeconds());
      outcomes.add(runner.run(message, new ActionRunner.Policy(action.retries(), action.retryDelaySeconds()), dryRun));
    }
    return Future.join(outcomes).compose(all -> report(
        new RoutineRun(id, trigger, person, dryRun, outcomes.stream().map(Future::result).toList(), started)));
  }

  /** Logs, counts, records and publishes a finished run; completes once it is recorded (or could not be). */
  private Future<RoutineRun> report(RoutineRun run) {
    String who = run.person().isEmpty() ? "" : " for " + run.person();
    String result = run.dryRun() ? "dry-run" : run.ok() ? "ok" : "failed";
    meters.counter(Meters.ROUTINE_RUNS, "routine", run.routine(), "result", result).increment();
    long ok = run.outcomes().stream().filter(ActionOutcome::ok).count();
    if (run.ok()) {
      log.info("Routine {} ({}{}){}: {} of {} actions done", run.routine(), run.trigger(), who,
          run.dryRun() ? " dry run" : "", ok, run.outcomes().size());
    } else {
      log.warn("Routine {} ({}{}){}: {} of {} actions failed: {}", run.routine(), run.trigger(), who,
          run.dryRun() ? " dry run" : "", run.outcomes().size() - ok, run.outcomes().size(), run.outcomes().stream()
              .filter(o -> !o.ok()).map(o -> o.target() + ": " + o.detail()).collect(Collectors.joining("; ")));
    }
    if (!run.dryRun()) {
      run.outcomes().stream().filter(o -> !o.ok())
          .forEach(o -> meters.counter(Meters.ROUTINE_ACTIONS_FAILED, "target", o.target()).increment());
    }
    return store.saveRoutineRun(run)
        .onFailure(e -> {
          meters.counter(Meters.STORE_WRITES_FAILED, "table", "routine_runs").increment();
          log.error("Routine {}: cannot record the run: {}", run.routine(), e.getMessage(), e);
        })
        .transform(saved -> {
          vertx.eventBus().publish(Addresses.ROUTINES.name(), run);
          return Future.succeededFuture(run);
        });
  }
}

package app.tend.hub.coach;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.DoNotDisturb;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.PracticeSkipped;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.SignalKind;
import app.tend.api.message.StressState;
import app.tend.hub.bus.SampleConsumers;
import app.tend.hub.store.CoachSnapshot;
import app.tend.hub.store.LearnedEffect;
import app.tend.hub.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coach stage: feeds stress states, heart rate, schedule changes, feedback and intents to the
 * {@link Coach}, saves what it decided and publishes suggestions (and do-not-disturb settings) once they
 * are saved. Restores the coach's memory and learned effects from the store before it listens, so a
 * restart changes nothing.
 */
public final class CoachVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(CoachVerticle.class);
  static final int TICK_SECONDS = 20;
  /** The source of the do-not-disturb settings published at start, as kept from before. */
  static final String SOURCE = "coach";

  private final Coach coach;
  private final Store store;
  private final Clock clock;
  private final MeterRegistry meters;

  public CoachVerticle(Coach coach, Store store, Clock clock, MeterRegistry meters) {
    this.coach = coach;
    this.store = store;
    this.clock = clock;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    return store.coachStates()
        .compose(states -> {
          states.forEach(coach::restore);
          return store.learnedEffects();
        })
        .compose(effects -> {
          effects.forEach(coach::restore);
          List<Future<Void>> loads = new ArrayList<>();
          coach.measuring().forEach((person, since) -> loads.add(
              store.stressStates(person, since, clock.instant().plusSeconds(1)).map(states -> {
                states.forEach(coach::restoreStress);
                return null;
              })));
          return Future.all(loads);
        })
        .map(loaded -> {
          var bus = vertx.eventBus();
          bus.<StressState>consumer(Addresses.STRESS.name(), m -> apply(() -> coach.onStress(m.body())));
          SampleConsumers.register(bus, s -> {
            if (s.kind() == SignalKind.HR) {
              coach.onHeartRate(s.person(), s.time(), s.value());
            }
          });
          bus.<ScheduleStatus>consumer(Addresses.SCHEDULE.name(), m -> apply(() -> coach.onSchedule(m.body())));
          bus.<Feedback>consumer(Addresses.FEEDBACK.name(), m -> {
            meters.counter(Meters.FEEDBACK_RECEIVED).increment();
            apply(() -> coach.onFeedback(m.body()));
          });
          bus.<Intent>consumer(Addresses.INTENTS.name(), m -> apply(() -> coach.onIntent(m.body())));
          // What the coach kept across the restart, so every listener shows it from the start.
          Instant now = clock.instant();
          coach.persons().forEach(person -> bus.publish(Addresses.DO_NOT_DISTURB.name(),
              new DoNotDisturb(person, coach.doNotDisturb(person), SOURCE, now)));
          vertx.setPeriodic(TICK_SECONDS * 1000L, id -> apply(coach::tick));
          apply(coach::tick);
          return null;
        });
  }

  /** Looks at the clock now (as the periodic tick does); completes when what it decided is saved. */
  public Future<Void> tickNow() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> apply(coach::tick).onComplete(done));
    return done.future();
  }

  /** A person's learned effects per exercise (mean change of the stress score, count). */
  public Future<List<LearnedEffect>> learnedEffects(String person) {
    Promise<List<LearnedEffect>> done = Promise.promise();
    context.runOnContext(ignored -> done.complete(coach.learnedEffects(person)));
    return done.future();
  }

  /** Forgets everything about a person, before their stored data is erased. */
  public Future<Void> forget(String person) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> {
      coach.forget(person);
      done.complete();
    });
    return done.future();
  }

  /** Runs one input through the coach; saves its effects in order, publishing suggestions once saved. */
  private Future<Void> apply(Supplier<Coach.Effects> input) {
    Coach.Effects fx;
    try {
      fx = input.get();
    } catch (RuntimeException e) {
      log.error("Coach: an input failed and was dropped: {}", e.getMessage(), e);
      return Future.failedFuture(e);
    }
    List<Future<Void>> writes = new ArrayList<>();
    Set<String> saved = new HashSet<>();
    for (Coach.Made made : fx.made()) {
      var s = made.suggestion();
      saved.add(s.person());
      writes.add(checked("suggestions", store.saveSuggestion(s, made.trigger(), coach.snapshot(s.person())))
          .onSuccess(ignored -> {
            log.info("Suggestion for {} ({}): {} — {}", s.person(), made.trigger(), s.title(), s.reason());
            meters.counter(Meters.SUGGESTIONS_MADE, "trigger", made.trigger()).increment();
            vertx.eventBus().publish(Addresses.SUGGESTIONS.name(), s);
          }));
    }
    for (Feedback f : fx.feedback()) {
      saved.add(f.person());
      writes.add(checked("feedback", store.saveFeedback(f, coach.snapshot(f.person()))));
    }
    for (Coach.Measured m : fx.measured()) {
      String person = m.outcome().person();
      saved.add(person);
      meters.counter(Meters.OUTCOMES_MEASURED, "exercise", m.outcome().exerciseId()).increment();
      writes.add(checked("outcomes", store.saveOutcome(m.outcome(), m.effect(), coach.snapshot(person))));
    }
    for (String person : fx.changed()) {
      if (!saved.contains(person)) {
        CoachSnapshot snapshot = coach.snapshot(person);
        writes.add(checked("coach_state", store.saveCoachState(snapshot)));
      }
    }
    Future<Void> done = Future.all(writes).mapEmpty();
    // Published once saved (or not: the coach already acts on it), so listeners see what the coach does.
    done.onComplete(ignored -> fx.doNotDisturb()
        .forEach(d -> vertx.eventBus().publish(Addresses.DO_NOT_DISTURB.name(), d)));
    for (PracticeSkipped skipped : fx.practiceSkipped()) {
      log.info("Practice reminder for {} at {} skipped: {}", skipped.person(), skipped.slot(), skipped.words());
      vertx.eventBus().publish(Addresses.PRACTICE_SKIPPED.name(), skipped);
    }
    return done;
  }

  private Future<Void> checked(String table, Future<Void> write) {
    return write.onFailure(e -> {
      meters.counter(Meters.STORE_WRITES_FAILED, "table", table).increment();
      log.error("Coach: cannot save to {}: {}", table, e.getMessage(), e);
    });
  }
}

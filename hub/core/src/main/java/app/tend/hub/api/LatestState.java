package app.tend.hub.api;

import app.tend.api.Address;
import app.tend.api.Addresses;
import app.tend.api.message.DoNotDisturb;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.PracticeSkipped;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.hub.bus.SampleConsumers;
import app.tend.hub.bus.StateReplay;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest of each person, fed from the bus: stress state, schedule status, do-not-disturb and the
 * suggestion on the table (until it is answered or expires), the practice reminder last let go, and who
 * has sent samples. Read from any thread.
 * It is also what a plugin subscribing to a state address gets first ({@link StateReplay}).
 */
public final class LatestState extends VerticleBase {

  /** Feedback that answers a suggestion, so it is no longer on the table. */
  private static final Set<Feedback.Kind> ANSWERS = EnumSet.of(Feedback.Kind.ACCEPTED, Feedback.Kind.SNOOZED,
      Feedback.Kind.DISMISSED, Feedback.Kind.STARTED, Feedback.Kind.COMPLETED);

  private final Clock clock;
  private final Map<String, StressState> stress = new ConcurrentHashMap<>();
  private final Map<String, ScheduleStatus> schedule = new ConcurrentHashMap<>();
  private final Map<String, Suggestion> suggestion = new ConcurrentHashMap<>();
  private final Map<String, DoNotDisturb> doNotDisturb = new ConcurrentHashMap<>();
  private final Map<String, PracticeSkipped> practiceSkipped = new ConcurrentHashMap<>();
  private final Set<String> sampled = ConcurrentHashMap.newKeySet();

  public LatestState(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    return Future.all(List.of(
        bus.<StressState>consumer(Addresses.STRESS.name(), m -> stress.merge(m.body().person(), m.body(),
            (old, now) -> now.time().isBefore(old.time()) ? old : now)).completion(),
        bus.<ScheduleStatus>consumer(Addresses.SCHEDULE.name(), m -> schedule.put(m.body().person(), m.body())).completion(),
        bus.<Suggestion>consumer(Addresses.SUGGESTIONS.name(), m -> suggestion.put(m.body().person(), m.body())).completion(),
        bus.<DoNotDisturb>consumer(Addresses.DO_NOT_DISTURB.name(), m -> doNotDisturb.put(m.body().person(), m.body()))
            .completion(),
        bus.<PracticeSkipped>consumer(Addresses.PRACTICE_SKIPPED.name(), m -> practiceSkipped.put(m.body().person(), m.body()))
            .completion(),
        StateReplay.serve(bus, this::latest).completion(),
        bus.<Feedback>consumer(Addresses.FEEDBACK.name(), m -> answered(m.body())).completion(),
        // "No thanks" and "not now" said to a voice channel reach the coach as intents, not as feedback.
        bus.<Intent>consumer(Addresses.INTENTS.name(), m -> {
          if (m.body().kind() == Intent.Kind.DECLINE || m.body().kind() == Intent.Kind.SNOOZE) {
            suggestion.remove(m.body().person());
          }
        }).completion(),
        SampleConsumers.register(bus, sample -> sampled.add(sample.person())).completion()));
  }

  private void answered(Feedback f) {
    if (ANSWERS.contains(f.kind())) {
      suggestion.computeIfPresent(f.person(),
          (person, s) -> f.suggestionId().isEmpty() || f.suggestionId().equals(s.id()) ? null : s);
    }
  }

  /** The person's newest stress state. */
  public Optional<StressState> stress(String person) {
    return Optional.ofNullable(stress.get(person));
  }

  /** The person's schedule status as last published. */
  public Optional<ScheduleStatus> schedule(String person) {
    return Optional.ofNullable(schedule.get(person));
  }

  /** The suggestion on the table: the newest, while neither answered nor expired. */
  public Optional<Suggestion> suggestion(String person) {
    return Optional.ofNullable(suggestion.get(person)).filter(s -> clock.instant().isBefore(s.expiresAt()));
  }

  /** The practice reminder the coach last let go, and why. */
  public Optional<PracticeSkipped> practiceSkipped(String person) {
    return Optional.ofNullable(practiceSkipped.get(person));
  }

  /** The latest message of every person on a state address. */
  private List<?> latest(Address<?> address) {
    if (address.equals(Addresses.STRESS)) {
      return List.copyOf(stress.values());
    }
    if (address.equals(Addresses.SCHEDULE)) {
      return List.copyOf(schedule.values());
    }
    if (address.equals(Addresses.DO_NOT_DISTURB)) {
      return List.copyOf(doNotDisturb.values());
    }
    throw new IllegalArgumentException("LatestState keeps no " + address);
  }

  /** Every person something was heard about, samples included, sorted. */
  public Set<String> persons() {
    Set<String> all = new TreeSet<>(sampled);
    all.addAll(stress.keySet());
    all.addAll(schedule.keySet());
    all.addAll(suggestion.keySet());
    return all;
  }

  /** Forgets everything about a person (their data was erased), so they are no longer listed. */
  public void forget(String person) {
    stress.remove(person);
    schedule.remove(person);
    suggestion.remove(person);
    doNotDisturb.remove(person);
    practiceSkipped.remove(person);
    sampled.remove(person);
  }
}

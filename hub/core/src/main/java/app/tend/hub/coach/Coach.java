package app.tend.hub.coach;

import app.tend.api.DailyWindow;
import app.tend.api.exercise.Exercise;
import app.tend.api.message.DoNotDisturb;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.PracticeSkipped;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.api.message.Urgency;
import app.tend.hub.config.CoachConfig;
import app.tend.hub.config.PersonConfig;
import app.tend.hub.config.PracticeConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.hub.json.Json;
import app.tend.hub.store.CoachSnapshot;
import app.tend.hub.store.LearnedEffect;
import app.tend.hub.store.Outcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Decides whether, when and what to suggest, per person, and learns what helps.
 *
 * <p>Every input (a stress state, a schedule change, feedback, an intent, a tick of the clock) returns
 * the {@link Effects} it had: suggestions to save and publish, feedback and outcomes to save, persons
 * whose memory changed. Not thread-safe: one event loop owns it ({@link CoachVerticle}).
 */
public final class Coach {

  /** A suggestion made, and what triggered it ({@code stress}, {@code deferred}, {@code decompress}, {@code practice}, {@code asked}). */
  public record Made(Suggestion suggestion, String trigger) {}

  /** An exercise's measured outcome, and the learned effect it updated (null when nothing could be learned). */
  public record Measured(Outcome outcome, LearnedEffect effect) {}

  /** What one input led to. */
  public static final class Effects {
    private final List<Made> made = new ArrayList<>();
    private final List<Feedback> feedback = new ArrayList<>();
    private final List<Measured> measured = new ArrayList<>();
    private final List<DoNotDisturb> doNotDisturb = new ArrayList<>();
    private final List<PracticeSkipped> practiceSkipped = new ArrayList<>();
    private final Set<String> changed = new HashSet<>();

    public List<Made> made() {
      return made;
    }

    public List<Feedback> feedback() {
      return feedback;
    }

    public List<Measured> measured() {
      return measured;
    }

    /** Do-not-disturb settings asked for, to publish once saved. */
    public List<DoNotDisturb> doNotDisturb() {
      return doNotDisturb;
    }

    /** Practice reminders let go, to log and publish. */
    public List<PracticeSkipped> practiceSkipped() {
      return practiceSkipped;
    }

    /** Persons whose memory changed. */
    public Set<String> changed() {
      return changed;
    }

    /** The suggestions made, without their triggers. */
    public List<Suggestion> suggestions() {
      return made.stream().map(Made::suggestion).toList();
    }

    void addAll(Effects other) {
      made.addAll(other.made);
      feedback.addAll(other.feedback);
      measured.addAll(other.measured);
      doNotDisturb.addAll(other.doNotDisturb);
      practiceSkipped.addAll(other.practiceSkipped);
      changed.addAll(other.changed);
    }
  }

  /** Told why the coach held back a suggestion it would otherwise have made. */
  @FunctionalInterface
  public interface Held {
    Held NONE = (person, reason) -> { };

    void held(String person, String reason);
  }

  /** A stress state older than this no longer says how the person is now. */
  private static final Duration FRESH = Duration.ofMinutes(10);
  /** A practice reminder not made within this long after its time is let go (and said so). */
  private static final Duration PRACTICE_WINDOW = Duration.ofHours(2);
  /** A rating this long before an exercise starts counts as its "before". */
  private static final Duration RATING_BEFORE = Duration.ofMinutes(15);
  /** At most this soon after the start, a "done" is a tap, not a practice whose effect can be measured. */
  private static final long QUICK_DONE_SECONDS = 30;
  /** An exercise started and never completed is forgotten after this long. */
  private static final Duration RUN_TIMEOUT = Duration.ofHours(3);

  private final CoachConfig config;
  private final Function<String, PersonConfig> settings;
  private final ExerciseCatalogue catalogue;
  private final Clock clock;
  private final ChannelDirectory channels;
  private final Held held;
  private final EffectBook book = new EffectBook();
  private final Picker picker;
  private final Map<String, Person> people = new LinkedHashMap<>();

  private final class Person {
    final String id;
    Memory memory = new Memory();
    final Body body = new Body(Duration.ofHours(3));
    ScheduleStatus status;

    Person(String id) {
      this.id = id;
    }

    PersonConfig settings() {
      return settings.apply(id);
    }

    ZonedDateTime local(Instant now) {
      return now.atZone(settings().zoneId());
    }

    boolean quiet(Instant now) {
      boolean byConfig = settings().quiet().map(w -> w.contains(local(now).toLocalTime())).orElse(false);
      return byConfig || (status != null && status.quietHours());
    }

    ScheduleStatus status(Instant now) {
      return status != null ? status : new ScheduleStatus(id, quiet(now) ? ScheduleState.QUIET_HOURS : ScheduleState.BETWEEN,
          quiet(now), null, null, now);
    }
  }

  /**
   * @param configured the persons in the config
   * @param settings every person's settings (defaults for persons not configured)
   * @param random the source of the Thompson draws (seeded in tests)
   */
  public Coach(Collection<String> configured, Function<String, PersonConfig> settings, CoachConfig config,
      ExerciseCatalogue catalogue, Clock clock, ChannelDirectory channels, Random random, Held held) {
    this.config = config;
    this.settings = settings;
    this.catalogue = catalogue;
    this.clock = clock;
    this.channels = channels;
    this.held = held;
    this.picker = new Picker(book, random);
    configured.forEach(this::person);
  }

  // ---- restoring and saving ------------------------------------------------------------------

  /** Takes back the memory saved before a restart. */
  public void restore(CoachSnapshot snapshot) {
    try {
      person(snapshot.person()).memory = Json.MAPPER.readValue(snapshot.json(), Memory.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the coach's saved state of " + snapshot.person() + " cannot be read: "
          + e.getOriginalMessage(), e);
    }
  }

  /** Takes back a learned effect saved before a restart. */
  public void restore(LearnedEffect effect) {
    book.put(effect);
  }

  /** Takes back a stored stress state, for exercises still being measured after a restart. */
  public void restoreStress(StressState state) {
    person(state.person()).body.add(state);
  }

  /** The memory of a person, as saved. */
  public CoachSnapshot snapshot(String person) {
    try {
      return new CoachSnapshot(person, Json.MAPPER.writeValueAsString(person(person).memory), clock.instant());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Persons with an exercise whose effect is still being measured, and since when data is needed. */
  public Map<String, Instant> measuring() {
    Map<String, Instant> since = new LinkedHashMap<>();
    people.forEach((id, p) -> p.memory.runs.stream().map(r -> r.startedAt).min(Instant::compareTo)
        .ifPresent(start -> since.put(id, start.minus(Duration.ofMinutes(config.measureBeforeMinutes())))));
    return since;
  }

  /** What has been learned for a person: per exercise, the mean change of the stress score and how often it was measured. */
  public List<LearnedEffect> learnedEffects(String person) {
    return book.of(person);
  }

  /** Whether a person asked the coach to stay quiet. */
  public boolean doNotDisturb(String person) {
    return person(person).memory.doNotDisturb;
  }

  /** Forgets everything about a person: memory, body signals and learned effects (their data was erased). */
  public void forget(String person) {
    people.remove(person);
    book.forget(person);
  }

  /** Every person the coach knows. */
  public List<String> persons() {
    return List.copyOf(people.keySet());
  }

  // ---- inputs --------------------------------------------------------------------------------

  /** A new stress state: may prompt, or hold the prompt back and say why. */
  public Effects onStress(StressState state) {
    Instant now = clock.instant();
    Person p = person(state.person());
    p.body.add(state);
    Effects fx = new Effects();
    Memory m = p.memory;
    if (state.level() == StressLevel.CALM && m.dismissedAt != null && !m.calmSinceDismissal) {
      m.calmSinceDismissal = true;
      fx.changed.add(p.id);
    }
    if (state.level() != StressLevel.HIGH) {
      return fx;
    }
    if (state.confidence() < config.minConfidence()) {
      held.held(p.id, "low-confidence");
      return fx;
    }
    ScheduleStatus status = p.status(now);
    if (status.deferring()) {
      if (m.deferredSince == null) {
        m.deferredSince = state.time();
        m.deferredBy = status.state();
        fx.changed.add(p.id);
      }
      held.held(p.id, status.state() == ScheduleState.IN_SESSION ? "in-session" : "busy");
      return fx;
    }
    offerForStress(p, state, status, "stress", Urgency.HIGH, Words.whyNowStress(state, status, now), now, fx, true);
    return fx;
  }

  /** A heart-rate sample, kept for measuring exercises. */
  public void onHeartRate(String person, Instant time, double bpm) {
    person(person).body.addHeartRate(time, bpm);
  }

  /** The person's schedule changed; a prompt held back by a session or busy time may now be offered. */
  public Effects onSchedule(ScheduleStatus status) {
    Instant now = clock.instant();
    Person p = person(status.person());
    p.status = status;
    Effects fx = new Effects();
    if (!status.deferring() && p.memory.deferredSince != null) {
      offerDeferred(p, now, fx);
    }
    return fx;
  }

  /** Feedback from a channel or the API. */
  public Effects onFeedback(Feedback feedback) {
    Person p = person(feedback.person());
    Effects fx = new Effects();
    apply(p, feedback, fx);
    fx.feedback.add(feedback);
    return fx;
  }

  /**
   * An intent: yes, no, not now, "I'm stressed", "start an exercise" naming none the catalogue knows (both
   * answered with a suggestion the exercise runner takes), do not disturb. Session intents are the schedule's.
   */
  public Effects onIntent(Intent intent) {
    Instant now = clock.instant();
    Person p = person(intent.person());
    Memory m = p.memory;
    Effects fx = new Effects();
    boolean open = m.hasOpenOffer(now);
    String suggestionId = open ? m.openSuggestionId : "";
    String exerciseId = open ? m.openExerciseId : "";
    Feedback feedback = switch (intent.kind()) {
      case ACCEPT -> open ? feedback(intent, suggestionId, exerciseId, Feedback.Kind.ACCEPTED, null, null) : null;
      case DECLINE -> open ? feedback(intent, suggestionId, exerciseId, Feedback.Kind.DISMISSED, null, null) : null;
      case SNOOZE -> feedback(intent, suggestionId, exerciseId, Feedback.Kind.SNOOZED, null,
          slot(intent, "minutes", 1, 24 * 60).orElse(config.snoozeMinutes()));
      // Ratings and "stop" are the exercise runner's: it answers them with RATED and ABANDONED feedback.
      default -> null;
    };
    if (feedback != null) {
      fx.addAll(onFeedback(feedback));
    }
    if (intent.kind() == Intent.Kind.FEELING_STRESSED || (intent.kind() == Intent.Kind.START_EXERCISE
        && catalogue.named(intent.slots().get("exercise")).isEmpty())) {
      offerAsked(p, intent, now, fx);
    }
    if (intent.kind() == Intent.Kind.DO_NOT_DISTURB_ON || intent.kind() == Intent.Kind.DO_NOT_DISTURB_OFF) {
      m.doNotDisturb = intent.kind() == Intent.Kind.DO_NOT_DISTURB_ON;
      fx.doNotDisturb.add(new DoNotDisturb(p.id, m.doNotDisturb, intent.source(), now));
      fx.changed.add(p.id);
    }
    return fx;
  }

  /** Looks at the clock: offers due after a session or for practice, deferred offers, measurements. */
  public Effects tick() {
    Instant now = clock.instant();
    Effects fx = new Effects();
    for (Person p : List.copyOf(people.values())) {
      if (p.memory.deferredSince != null && !p.status(now).deferring()) {
        offerDeferred(p, now, fx);
      }
      offerDecompress(p, now, fx);
      remindPractice(p, now, fx);
      measure(p, now, fx);
    }
    return fx;
  }

  // ---- offers --------------------------------------------------------------------------------

  private void offerForStress(Person p, StressState state, ScheduleStatus status, String trigger, Urgency urgency,
      String whyNow, Instant now, Effects fx, boolean count) {
    Optional<String> no = gate(p, urgency, now);
    if (no.isPresent()) {
      if (count) {
        held.held(p.id, no.get());
      }
      return;
    }
    boolean quiet = p.quiet(now);
    List<String> allowed = allowedChannels(p, quiet);
    if (allowed.isEmpty()) {
      held.held(p.id, "no-channel");
      return;
    }
    Optional<Exercise> exercise = pick(p, state.level(), status.state(), now, quiet, allowed);
    if (exercise.isEmpty()) {
      held.held(p.id, "no-exercise");
      return;
    }
    Exercise e = exercise.get();
    make(p, e, Words.offerStress(e, status, now), whyNow + " " + Words.whyThis(e, book.get(p.id, e.id())), urgency,
        allowed, trigger, now, fx);
    if (status.state() == ScheduleState.DECOMPRESS && status.session() != null) {
      p.memory.decompressDoneFor = status.session().id();
    }
  }

  private void offerDeferred(Person p, Instant now, Effects fx) {
    Memory m = p.memory;
    Instant since = m.deferredSince;
    ScheduleState by = m.deferredBy;
    m.deferredSince = null;
    m.deferredBy = null;
    fx.changed.add(p.id);
    StressState latest = p.body.latest();
    boolean relevant = latest != null
        && (latest.level() == StressLevel.HIGH || latest.level() == StressLevel.ELEVATED)
        && latest.confidence() >= config.minConfidence()
        && !latest.time().isBefore(now.minus(FRESH))
        && !now.isAfter(since.plus(Duration.ofMinutes(config.deferMaxMinutes())));
    if (!relevant) {
      held.held(p.id, "no-longer-relevant");
      return;
    }
    ScheduleStatus status = p.status(now);
    offerForStress(p, latest, status, "deferred", Urgency.NORMAL,
        Words.whyNowDeferred(latest, status, by, since, now), now, fx, true);
  }

  private void offerDecompress(Person p, Instant now, Effects fx) {
    ScheduleStatus status = p.status(now);
    Memory m = p.memory;
    if (!config.decompressOffer() || status.state() != ScheduleState.DECOMPRESS || status.session() == null) {
      return;
    }
    String session = status.session().id();
    if (session.equals(m.decompressDoneFor)
        || now.isBefore(status.session().end().plus(Duration.ofMinutes(config.decompressOfferMinutes())))) {
      return;
    }
    StressState latest = p.body.latest();
    boolean fresh = latest != null && !latest.time().isBefore(now.minus(FRESH));
    StressLevel level = fresh ? latest.level() : StressLevel.CALM;
    if (level == StressLevel.ACTIVE) {
      m.decompressDoneFor = session;
      fx.changed.add(p.id);
      return;
    }
    if (level == StressLevel.UNKNOWN) {
      level = StressLevel.CALM;
    }
    if (gate(p, Urgency.LOW, now).isPresent()) {
      return;
    }
    boolean quiet = p.quiet(now);
    List<String> allowed = allowedChannels(p, quiet);
    Optional<Exercise> exercise = allowed.isEmpty() ? Optional.empty()
        : pick(p, level, ScheduleState.DECOMPRESS, now, quiet, allowed);
    if (exercise.isEmpty()) {
      return;
    }
    Exercise e = exercise.get();
    make(p, e, Words.offerDecompress(e), Words.whyNowDecompress(status, now) + " " + Words.whyThis(e, book.get(p.id, e.id())),
        Urgency.LOW, allowed, "decompress", now, fx);
    m.decompressDoneFor = session;
  }

  private void remindPractice(Person p, Instant now, Effects fx) {
    PracticeConfig plan = p.settings().practice();
    if (plan.times().isEmpty()) {
      return;
    }
    Memory m = p.memory;
    ZonedDateTime local = p.local(now);
    LocalDate today = local.toLocalDate();
    if (!plan.days().contains(today.getDayOfWeek())) {
      return;
    }
    for (LocalTime slot : plan.localTimes()) {
      String key = today + "T" + slot;
      Instant slotAt = ZonedDateTime.of(today, slot, local.getZone()).toInstant();
      if (now.isBefore(slotAt) || (m.lastPracticeSlot != null && key.compareTo(m.lastPracticeSlot) <= 0)) {
        continue;
      }
      if (now.isAfter(slotAt.plus(PRACTICE_WINDOW)) || today.equals(m.lastPracticeDay)) {
        m.lastPracticeSlot = key;
        fx.changed.add(p.id);
        fx.practiceSkipped.add(new PracticeSkipped(p.id, slot, today.equals(m.lastPracticeDay)
            ? PracticeSkipped.Reason.ALREADY_PRACTISED : PracticeSkipped.Reason.MISSED, now));
        continue;
      }
      ScheduleStatus status = p.status(now);
      if (status.deferring() || gate(p, Urgency.LOW, now).isPresent()) {
        return;
      }
      boolean quiet = p.quiet(now);
      List<String> allowed = allowedChannels(p, quiet);
      String exerciseId = plan.exercises().get(Math.floorMod(m.practiceIndex, plan.exercises().size()));
      Optional<Exercise> exercise = catalogue.find(exerciseId);
      if (allowed.isEmpty() || exercise.isEmpty()) {
        return;
      }
      Exercise e = exercise.get();
      boolean yesterday = today.minusDays(1).equals(m.lastPracticeDay);
      make(p, e, Words.offerPractice(e, m.streak, yesterday),
          Words.whyNowPractice(e, slot) + " " + Words.whyThis(e, book.get(p.id, e.id())),
          Urgency.LOW, allowed, "practice", now, fx);
      m.lastPracticeSlot = key;
      m.practiceIndex++;
      return;
    }
  }

  private void offerAsked(Person p, Intent intent, Instant now, Effects fx) {
    ScheduleStatus status = p.status(now);
    boolean quiet = p.quiet(now) && !intent.source().startsWith("voice");
    List<String> allowed = allowedChannels(p, quiet);
    StressState latest = p.body.latest();
    StressLevel level = latest != null && latest.level() == StressLevel.ELEVATED ? StressLevel.ELEVATED : StressLevel.HIGH;
    ScheduleState state = status.deferring() ? ScheduleState.BETWEEN : status.state();
    Optional<Exercise> exercise = allowed.isEmpty() ? Optional.empty() : pick(p, level, state, now, quiet, allowed);
    if (exercise.isEmpty()) {
      held.held(p.id, allowed.isEmpty() ? "no-channel" : "no-exercise");
      return;
    }
    Exercise e = exercise.get();
    String said = intent.kind() == Intent.Kind.FEELING_STRESSED ? "You said you feel stressed. " : "You asked for an exercise. ";
    make(p, e, "Let's do something about it together. " + e.offer(),
        said + Words.whyThis(e, book.get(p.id, e.id())), Urgency.NORMAL, allowed, "asked", now, fx);
  }

  /**
   * Why no prompt may be made now, if so: do-not-disturb, an exercise going on, snooze, a recent dismissal, the
   * cooldown or the daily cap.
   */
  private Optional<String> gate(Person p, Urgency urgency, Instant now) {
    Memory m = p.memory;
    m.rollDay(p.local(now).toLocalDate());
    if (m.doNotDisturb) {
      return Optional.of("do-not-disturb");
    }
    if (m.current() != null) {
      return Optional.of("exercising");
    }
    if (m.snoozedUntil != null && now.isBefore(m.snoozedUntil)) {
      return Optional.of("snoozed");
    }
    if (m.dismissedAt != null && !m.calmSinceDismissal
        && now.isBefore(m.dismissedAt.plus(Duration.ofMinutes(config.dismissQuietMinutes())))) {
      return Optional.of("dismissed");
    }
    if (m.lastPromptAt != null) {
      boolean escalating = m.lastUrgency == Urgency.LOW && !m.openAnswered && urgency.compareTo(Urgency.LOW) > 0;
      Duration gap = Duration.ofMinutes(escalating ? config.minGapMinutes() : config.cooldownMinutes());
      if (now.isBefore(m.lastPromptAt.plus(gap))) {
        return Optional.of("cooldown");
      }
    }
    int limit = Optional.ofNullable(p.settings().dailyLimit()).orElse(config.dailyLimit());
    if (m.promptsToday >= limit) {
      return Optional.of("daily-cap");
    }
    return Optional.empty();
  }

  private Optional<Exercise> pick(Person p, StressLevel level, ScheduleState state, Instant now, boolean quiet,
      List<String> allowed) {
    Set<String> excluded = new HashSet<>(p.settings().dislikes());
    excluded.addAll(p.memory.dismissedToday);
    DailyWindow daylight = config.daylight();
    Picker.Moment moment = new Picker.Moment(level, state, p.local(now).toLocalTime(), quiet,
        allowed.stream().anyMatch(channels::isVoice), daylight, excluded);
    return picker.pick(p.id, Picker.candidates(catalogue.all(), moment));
  }

  private List<String> allowedChannels(Person p, boolean quiet) {
    List<String> wanted = p.settings().channels().isEmpty() ? config.channels() : p.settings().channels();
    return quiet ? wanted.stream().filter(c -> !channels.isVoice(c)).toList() : wanted;
  }

  private void make(Person p, Exercise e, String words, String reason, Urgency urgency, List<String> allowed,
      String trigger, Instant now, Effects fx) {
    Suggestion suggestion = new Suggestion(UUID.randomUUID().toString(), p.id, e.id(), e.title(), words, reason,
        urgency, allowed, now, now.plus(Duration.ofMinutes(config.expiryMinutes())));
    Memory m = p.memory;
    m.rollDay(p.local(now).toLocalDate());
    m.lastPromptAt = now;
    m.lastUrgency = urgency;
    m.openSuggestionId = suggestion.id();
    m.openExerciseId = e.id();
    m.openExpiresAt = suggestion.expiresAt();
    m.openAnswered = false;
    m.promptsToday++;
    m.deferredSince = null;
    m.deferredBy = null;
    fx.made.add(new Made(suggestion, trigger));
    fx.changed.add(p.id);
  }

  // ---- feedback and the closed loop ------------------------------------------------------------

  private void apply(Person p, Feedback f, Effects fx) {
    Memory m = p.memory;
    String exerciseId = !f.exerciseId().isEmpty() ? f.exerciseId()
        : f.suggestionId().equals(m.openSuggestionId) ? m.openExerciseId : "";
    switch (f.kind()) {
      case ACCEPTED, STARTED -> {
        answered(m, f);
        start(p, exerciseId, f.suggestionId(), f.time());
      }
      case COMPLETED -> complete(p, exerciseId, f.suggestionId(), f.time());
      case ABANDONED -> {
        m.runs.removeIf(r -> r.completedAt == null);
        // "Stop" answers the coach too: nothing new until the cooldown has passed, never over the goodbye.
        m.openAnswered = true;
        if (m.lastPromptAt == null || f.time().isAfter(m.lastPromptAt)) {
          m.lastPromptAt = f.time();
        }
      }
      case SNOOZED -> {
        answered(m, f);
        int minutes = f.snoozeMinutes() == null ? config.snoozeMinutes() : f.snoozeMinutes();
        m.snoozedUntil = f.time().plus(Duration.ofMinutes(minutes));
      }
      case DISMISSED -> {
        answered(m, f);
        m.dismissedAt = f.time();
        m.calmSinceDismissal = false;
        m.rollDay(p.local(f.time()).toLocalDate());
        if (!exerciseId.isEmpty()) {
          m.dismissedToday.add(exerciseId);
        }
      }
      case RATED -> rate(p, f.distress(), f.time());
    }
    fx.changed.add(p.id);
  }

  private static void answered(Memory m, Feedback f) {
    if (f.suggestionId().isEmpty() || f.suggestionId().equals(m.openSuggestionId)) {
      m.openAnswered = true;
    }
  }

  private void start(Person p, String exerciseId, String suggestionId, Instant at) {
    if (exerciseId.isEmpty()) {
      return;
    }
    Memory m = p.memory;
    Memory.Run current = m.current();
    if (current != null && current.exerciseId.equals(exerciseId)) {
      current.startedAt = at;
      return;
    }
    m.runs.removeIf(r -> r.completedAt == null);
    Memory.Run run = new Memory.Run();
    run.exerciseId = exerciseId;
    run.suggestionId = suggestionId;
    run.startedAt = at;
    if (m.lastDistressAt != null && !m.lastDistressAt.isBefore(at.minus(RATING_BEFORE))) {
      run.distressBefore = m.lastDistress;
    }
    m.runs.add(run);
  }

  private void complete(Person p, String exerciseId, String suggestionId, Instant at) {
    Memory m = p.memory;
    Memory.Run run = m.current();
    if (run == null || (!exerciseId.isEmpty() && !run.exerciseId.equals(exerciseId))) {
      Optional<Exercise> exercise = catalogue.find(exerciseId);
      if (exercise.isEmpty()) {
        return;
      }
      start(p, exerciseId, suggestionId, at.minusSeconds(exercise.get().durationSeconds()));
      run = m.current();
    }
    run.completedAt = at;
    PracticeConfig plan = p.settings().practice();
    if (plan.exercises().isEmpty() || plan.exercises().contains(run.exerciseId)) {
      LocalDate today = p.local(at).toLocalDate();
      if (!today.equals(m.lastPracticeDay)) {
        m.streak = today.minusDays(1).equals(m.lastPracticeDay) ? m.streak + 1 : 1;
        m.lastPracticeDay = today;
      }
    }
  }

  private void rate(Person p, int distress, Instant at) {
    Memory m = p.memory;
    Memory.Run current = m.current();
    Duration after = Duration.ofMinutes(config.measureAfterMinutes()).plus(Duration.ofMinutes(5));
    Optional<Memory.Run> justDone = m.runs.stream()
        .filter(r -> r.completedAt != null && !at.isBefore(r.completedAt) && !at.isAfter(r.completedAt.plus(after)))
        .reduce((a, b) -> b);
    if (current == null && justDone.isPresent()) {
      justDone.get().distressAfter = distress;
    } else if (current != null && current.distressBefore == null) {
      current.distressBefore = distress;
    } else {
      m.lastDistress = distress;
      m.lastDistressAt = at;
    }
  }

  private void measure(Person p, Instant now, Effects fx) {
    Memory m = p.memory;
    Duration before = Duration.ofMinutes(config.measureBeforeMinutes());
    Duration after = Duration.ofMinutes(config.measureAfterMinutes());
    boolean changed = m.runs.removeIf(r -> r.completedAt == null && now.isAfter(r.startedAt.plus(RUN_TIMEOUT)));
    for (Memory.Run run : List.copyOf(m.runs)) {
      if (run.completedAt == null || now.isBefore(run.completedAt.plus(after))) {
        continue;
      }
      OptionalDouble stressBefore = p.body.meanScore(run.startedAt.minus(before), run.startedAt);
      OptionalDouble stressAfter = p.body.meanScore(run.completedAt, run.completedAt.plus(after));
      OptionalDouble hrBefore = p.body.meanHeartRate(run.startedAt.minus(before), run.startedAt);
      OptionalDouble hrAfter = p.body.meanHeartRate(run.completedAt, run.completedAt.plus(after));
      Double change = null;
      if (tooShort(run)) {
        // Kept as an outcome, so the practice shows; not learned from.
        change = null;
      } else if (stressBefore.isPresent() && stressAfter.isPresent()) {
        change = stressAfter.getAsDouble() - stressBefore.getAsDouble();
      } else if (run.distressBefore != null && run.distressAfter != null) {
        change = (run.distressAfter - run.distressBefore) * 10.0;
      }
      Outcome outcome = new Outcome(p.id, run.exerciseId, run.suggestionId, run.startedAt, run.completedAt,
          value(stressBefore), value(stressAfter), value(hrBefore), value(hrAfter), run.distressBefore,
          run.distressAfter, change);
      LearnedEffect effect = change == null ? null : book.add(p.id, run.exerciseId, change, now);
      fx.measured.add(new Measured(outcome, effect));
      m.runs.remove(run);
      changed = true;
    }
    if (changed) {
      fx.changed.add(p.id);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /**
   * A "done" tapped right after the start (within a quarter of the exercise's length, and half a minute at most)
   * says nothing of what the exercise does.
   */
  private boolean tooShort(Memory.Run run) {
    long length = catalogue.find(run.exerciseId).map(Exercise::durationSeconds).orElse(0).longValue();
    return Duration.between(run.startedAt, run.completedAt).toSeconds() < Math.min(QUICK_DONE_SECONDS, length / 4);
  }

  private Person person(String id) {
    return people.computeIfAbsent(id, Person::new);
  }

  private static Double value(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }

  private static Feedback feedback(Intent intent, String suggestionId, String exerciseId, Feedback.Kind kind,
      Integer distress, Integer snoozeMinutes) {
    return new Feedback(intent.person(), suggestionId, exerciseId, kind, distress, snoozeMinutes, intent.source(), intent.time());
  }

  private static Optional<Integer> slot(Intent intent, String name, int min, int max) {
    String text = intent.slots().get(name);
    if (text == null) {
      return Optional.empty();
    }
    try {
      int value = (int) Math.round(Double.parseDouble(text.trim()));
      return value < min || value > max ? Optional.empty() : Optional.of(value);
    } catch (NumberFormatException e) {
      // "rating: very bad" carries no rating; the intent is taken as if the slot were left out.
      return Optional.empty();
    }
  }
}

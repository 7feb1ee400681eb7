package app.tend.hub.api;

import app.tend.api.exercise.Exercise;
import app.tend.api.message.Feedback;
import app.tend.hub.coach.CoachVerticle;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.hub.store.LearnedEffect;
import app.tend.hub.store.Outcome;
import app.tend.hub.store.Store;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * For the dashboard: what helps a person (per exercise, the measured change of stress and heart rate)
 * and their practice day by day.
 */
public final class InsightsResource implements ApiResource {

  static final int DEFAULT_DAYS = 7;

  /** Feedback that says an exercise was done (or begun, or given up). */
  private static final Set<Feedback.Kind> PRACTICE = EnumSet.of(Feedback.Kind.STARTED, Feedback.Kind.COMPLETED,
      Feedback.Kind.ABANDONED);

  /**
   * What one exercise did for a person.
   *
   * @param count how many times its effect was measured
   * @param stressChange the mean change of the stress score, after minus before (negative: it helped), or null
   * @param stressCount how many outcomes had a stress score before and after
   * @param hrChange the mean change of the heart rate in bpm, or null
   * @param hrCount how many outcomes had a heart rate before and after
   * @param learnedMean what the coach learned from (stress change, or ten times the rating change), or null
   */
  record Effect(String exercise, String title, int count, Double stressChange, int stressCount, Double hrChange,
      int hrCount, Double learnedMean) {}

  /** One exercise done (or begun, or given up) at one time. */
  record Practice(Instant time, String exercise, String title, Feedback.Kind kind) {}

  /** What was done on one day: per exercise, how often it was completed and begun. */
  record Day(LocalDate date, List<DayExercise> exercises) {}

  /** One exercise on one day. */
  record DayExercise(String exercise, String title, int completed, int started) {}

  /** The answer of {@code GET /api/persons/{person}/practice}. */
  record Week(String person, String zone, List<Day> days, List<Practice> events) {}

  private final PersonDirectory persons;
  private final Store store;
  private final CoachVerticle coach;
  private final ExerciseCatalogue catalogue;
  private final Clock clock;

  InsightsResource(PersonDirectory persons, Store store, CoachVerticle coach, ExerciseCatalogue catalogue, Clock clock) {
    this.persons = persons;
    this.store = store;
    this.coach = coach;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  @Override
  public void bind(Operations operations) {
    operations.route("getEffects").addHandler(this::effects);
    operations.route("getPractice").addHandler(this::practice);
  }

  private void effects(RoutingContext ctx) {
    String person = Requests.path(ctx, "person");
    Future<List<Effect>> effects = persons.known(person)
        .compose(known -> Future.all(store.outcomes(person, Instant.EPOCH), coach.learnedEffects(person)))
        .map(both -> effects(both.resultAt(0), both.resultAt(1)));
    Replies.json(ctx, 200, effects);
  }

  private List<Effect> effects(List<Outcome> outcomes, List<LearnedEffect> learned) {
    Map<String, List<Outcome>> byExercise = new TreeMap<>();
    outcomes.forEach(o -> byExercise.computeIfAbsent(o.exerciseId(), id -> new ArrayList<>()).add(o));
    Map<String, LearnedEffect> learnedById = new LinkedHashMap<>();
    learned.stream().filter(e -> e.count() > 0).forEach(e -> {
      learnedById.put(e.exerciseId(), e);
      byExercise.computeIfAbsent(e.exerciseId(), id -> new ArrayList<>());
    });
    List<Effect> list = new ArrayList<>();
    byExercise.forEach((id, done) -> {
      double stressSum = 0;
      int stressCount = 0;
      double hrSum = 0;
      int hrCount = 0;
      for (Outcome o : done) {
        if (o.stressBefore() != null && o.stressAfter() != null) {
          stressSum += o.stressAfter() - o.stressBefore();
          stressCount++;
        }
        if (o.hrBefore() != null && o.hrAfter() != null) {
          hrSum += o.hrAfter() - o.hrBefore();
          hrCount++;
        }
      }
      LearnedEffect l = learnedById.get(id);
      list.add(new Effect(id, title(id), done.size(), stressCount == 0 ? null : round(stressSum / stressCount), stressCount,
          hrCount == 0 ? null : round(hrSum / hrCount), hrCount, l == null ? null : round(l.mean())));
    });
    list.sort(Comparator.comparing((Effect e) -> e.stressChange() == null ? Double.MAX_VALUE : e.stressChange())
        .thenComparing(Effect::exercise));
    return list;
  }

  private void practice(RoutingContext ctx) {
    String person = Requests.path(ctx, "person");
    int days = Requests.queryInt(ctx, "days", DEFAULT_DAYS);
    Future<Week> week = persons.known(person).compose(known -> {
      ZoneId zone = ZoneId.of(known.zone());
      LocalDate today = clock.instant().atZone(zone).toLocalDate();
      LocalDate first = today.minusDays(days - 1L);
      return store.feedback(person, first.atStartOfDay(zone).toInstant())
          .map(feedback -> week(person, zone, first, today, feedback));
    });
    Replies.json(ctx, 200, week);
  }

  private Week week(String person, ZoneId zone, LocalDate first, LocalDate today, List<Feedback> feedback) {
    List<Practice> events = feedback.stream()
        .filter(f -> PRACTICE.contains(f.kind()) && !f.exerciseId().isEmpty())
        .map(f -> new Practice(f.time(), f.exerciseId(), title(f.exerciseId()), f.kind()))
        .toList();
    List<Day> days = new ArrayList<>();
    for (LocalDate date = first; !date.isAfter(today); date = date.plusDays(1)) {
      LocalDate day = date;
      Map<String, int[]> counts = new TreeMap<>();
      events.stream().filter(e -> e.time().atZone(zone).toLocalDate().equals(day)).forEach(e -> {
        int[] c = counts.computeIfAbsent(e.exercise(), id -> new int[2]);
        if (e.kind() == Feedback.Kind.COMPLETED) {
          c[0]++;
        } else if (e.kind() == Feedback.Kind.STARTED) {
          c[1]++;
        }
      });
      days.add(new Day(day, counts.entrySet().stream()
          .map(c -> new DayExercise(c.getKey(), title(c.getKey()), c.getValue()[0], c.getValue()[1])).toList()));
    }
    return new Week(person, zone.getId(), days, events);
  }

  private String title(String exerciseId) {
    return catalogue.find(exerciseId).map(Exercise::title).orElse(exerciseId);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}

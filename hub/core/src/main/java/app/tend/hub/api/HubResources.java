package app.tend.hub.api;

import app.tend.hub.coach.CoachVerticle;
import app.tend.hub.config.TendConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.hub.runner.ExerciseRunner;
import app.tend.hub.schedule.ScheduleService;
import app.tend.hub.store.Store;
import app.tend.hub.stress.StressService;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The API resources over the hub's own stages: persons, stress, sessions, suggestions, exercises, insights. */
public final class HubResources {

  /**
   * What the resources read from and act on.
   *
   * @param channels the channels that running plugins serve now
   */
  public record Parts(
      Vertx vertx,
      TendConfig config,
      Clock clock,
      Store store,
      LatestState latest,
      ScheduleService schedule,
      CoachVerticle coach,
      ExerciseCatalogue catalogue,
      Supplier<Set<String>> channels,
      StressService stress,
      ExerciseRunner runner) {}

  private HubResources() {}

  /** One resource per group of routes. */
  public static List<ApiResource> create(Parts p) {
    PersonDirectory persons = new PersonDirectory(p.config(), p.store(), p.latest());
    return List.of(
        new PersonsResource(p.vertx(), persons, p.latest(), p.schedule(), p.coach(), p.stress(), p.store(), p.clock()),
        new StressResource(persons, p.latest(), p.store(), p.clock()),
        new SessionsResource(persons, p.schedule(), p.store(), p.clock(), p.config().schedule()),
        new SuggestionsResource(p.vertx(), persons, p.store(), p.clock()),
        new ExercisesResource(persons, p.catalogue(), p.channels(), p.runner()),
        new InsightsResource(persons, p.store(), p.coach(), p.catalogue(), p.clock()));
  }
}

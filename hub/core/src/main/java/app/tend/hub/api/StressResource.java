package app.tend.hub.api;

import app.tend.hub.store.Store;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code /api/persons/{person}/stress}: the current stress state, and its history downsampled. */
public final class StressResource implements ApiResource {

  /** The longest span one history request may cover. */
  static final Duration MAX_SPAN = Duration.ofDays(31);
  static final int DEFAULT_POINTS = 300;

  private final PersonDirectory persons;
  private final LatestState latest;
  private final Store store;
  private final Clock clock;

  StressResource(PersonDirectory persons, LatestState latest, Store store, Clock clock) {
    this.persons = persons;
    this.latest = latest;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void bind(Operations operations) {
    operations.route("getStress").addHandler(this::current);
    operations.route("getStressHistory").addHandler(this::history);
  }

  private void current(RoutingContext ctx) {
    String person = Requests.path(ctx, "person");
    Replies.json(ctx, 200, persons.known(person).map(known -> latest.stress(person).orElseThrow(() -> ApiProblem.notFound(
        "no stress state for '" + person + "' yet: the stress engine publishes one once their wearable has sent enough samples"))));
  }

  private void history(RoutingContext ctx) {
    String person = Requests.path(ctx, "person");
    Instant to = Requests.queryInstant(ctx, "to").orElse(clock.instant());
    Instant from = Requests.queryInstant(ctx, "from").orElse(to.minus(Duration.ofDays(1)));
    if (!from.isBefore(to)) {
      throw ApiProblem.badRequest("query parameter from (" + from + ") must be before to (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
      throw ApiProblem.badRequest("query parameters from and to span more than " + MAX_SPAN.toDays() + " days; ask for less");
    }
    int points = Requests.queryInt(ctx, "points", DEFAULT_POINTS);
    Future<StressHistory.History> history = persons.known(person)
        .compose(known -> store.stressStates(person, from, to))
        .map(states -> StressHistory.of(person, from, to, states, points));
    Replies.json(ctx, 200, history);
  }
}

package app.tend.hub.api;

import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.hub.runner.ExerciseRunner;
import app.tend.hub.runner.RunInfo;
import app.tend.hub.runner.StartRefusedException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/exercises}: the exercise library, and starting an exercise for a person through the exercise
 * runner: 202 once it has begun, 409 naming why when it cannot (the person is doing one already, none of
 * their channels runs).
 */
public final class ExercisesResource implements ApiResource {

  private final PersonDirectory persons;
  private final ExerciseCatalogue catalogue;
  private final Supplier<Set<String>> channels;
  private final ExerciseRunner runner;

  /** @param channels the channels that running plugins serve now */
  ExercisesResource(PersonDirectory persons, ExerciseCatalogue catalogue, Supplier<Set<String>> channels,
      ExerciseRunner runner) {
    this.persons = persons;
    this.catalogue = catalogue;
    this.channels = channels;
    this.runner = runner;
  }

  @Override
  public void bind(Operations operations) {
    operations.route("listExercises").addHandler(ctx -> Replies.json(ctx, 200, Future.succeededFuture(catalogue.all())));
    operations.route("startExercise").addHandler(this::start);
  }

  private void start(RoutingContext ctx) {
    String id = Requests.path(ctx, "id");
    if (!catalogue.has(id)) {
      throw ApiProblem.notFound("no exercise '" + id + "' in the library; GET /api/exercises lists them");
    }
    JsonObject body = Requests.body(ctx);
    String person = body.getString("person");
    String channel = body.getString("channel");
    if (channel != null) {
      Set<String> served = channels.get();
      if (!served.contains(channel)) {
        throw ApiProblem.badRequest("body field channel: no running plugin serves the channel '" + channel + "' ("
            + (served.isEmpty() ? "no channel plugin is running; leave channel out"
                : "running: " + String.join(", ", served.stream().sorted().toList()))
            + ")");
      }
    }
    Future<RunInfo> started = persons.knownField(person, "person")
        .compose(known -> runner.start(person, id, channel, null))
        .recover(e -> Future.failedFuture(e instanceof StartRefusedException refused ? problem(refused) : e));
    Replies.json(ctx, 202, started);
  }

  private static ApiProblem problem(StartRefusedException refused) {
    return switch (refused.reason()) {
      case UNKNOWN_PERSON -> ApiProblem.badRequest("body field person: " + refused.getMessage());
      case UNKNOWN_EXERCISE -> ApiProblem.notFound(refused.getMessage());
      case UNKNOWN_CHANNEL -> ApiProblem.badRequest("body field channel: " + refused.getMessage());
      case NO_CHANNEL, ALREADY_RUNNING -> ApiProblem.conflict(refused.getMessage());
    };
  }
}

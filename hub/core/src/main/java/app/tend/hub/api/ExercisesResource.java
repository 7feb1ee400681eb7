package app.tend.hub.api;

import app.tend.api.Addresses;
import app.tend.api.message.Intent;
import app.tend.hub.exercise.ExerciseCatalogue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/exercises}: the exercise library, and starting an exercise for a person, which publishes a
 * {@code START_EXERCISE} intent (slots {@code exercise} and {@code channel}) for the exercise runner.
 */
public final class ExercisesResource implements ApiResource {

  private final Vertx vertx;
  private final PersonDirectory persons;
  private final ExerciseCatalogue catalogue;
  private final Supplier<Set<String>> channels;
  private final Clock clock;

  /** @param channels the channels that running plugins serve now */
  ExercisesResource(Vertx vertx, PersonDirectory persons, ExerciseCatalogue catalogue, Supplier<Set<String>> channels,
      Clock clock) {
    this.vertx = vertx;
    this.persons = persons;
    this.catalogue = catalogue;
    this.channels = channels;
    this.clock = clock;
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
            + (served.isEmpty() ? "no channel plugin is running; leave channel out" : "running: " + String.join(", ", served.stream().sorted().toList()))
            + ")");
      }
    }
    Future<Intent> started = persons.knownField(person, "person").map(known -> {
      Map<String, String> slots = new LinkedHashMap<>();
      slots.put("exercise", id);
      if (channel != null) {
        slots.put("channel", channel);
      }
      Intent intent = new Intent(person, Intent.Kind.START_EXERCISE, slots, SuggestionsResource.CHANNEL, "", clock.instant());
      vertx.eventBus().publish(Addresses.INTENTS.name(), intent);
      return intent;
    });
    Replies.json(ctx, 202, started);
  }
}

package app.tend.hub.api;

import app.tend.api.Addresses;
import app.tend.api.message.Feedback;
import app.tend.api.message.Suggestion;
import app.tend.hub.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/suggestions}: what the coach suggested and how each was answered; feedback on one
 * (done, not now, no thanks, with an optional 0-10 rating), published on the bus for the coach, the
 * exercise runner and the store.
 */
public final class SuggestionsResource implements ApiResource {

  /** The feedback channel the API reports. */
  static final String CHANNEL = "api";

  /**
   * A suggestion with its answer.
   *
   * @param answer the kind of the last feedback that answered it, or null while unanswered
   * @param answeredAt when, or null
   */
  record Answered(Suggestion suggestion, Feedback.Kind answer, Instant answeredAt) {}

  /** What {@code POST /api/suggestions/{id}/feedback} published, in order. */
  record Published(List<Feedback> feedback) {}

  private final Vertx vertx;
  private final PersonDirectory persons;
  private final Store store;
  private final Clock clock;

  SuggestionsResource(Vertx vertx, PersonDirectory persons, Store store, Clock clock) {
    this.vertx = vertx;
    this.persons = persons;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void bind(Operations operations) {
    operations.route("listSuggestions").addHandler(this::list);
    operations.route("giveFeedback").addHandler(this::feedback);
  }

  private void list(RoutingContext ctx) {
    String person = Requests.query(ctx, "person").orElseThrow();
    Instant since = Requests.queryInstant(ctx, "since").orElse(clock.instant().minus(Duration.ofDays(1)));
    Future<List<Answered>> answered = persons.known(person)
        .compose(known -> Future.all(store.suggestions(person, since), store.feedback(person, since)))
        .map(both -> answers(both.resultAt(0), both.resultAt(1)));
    Replies.json(ctx, 200, answered);
  }

  private static List<Answered> answers(List<Suggestion> suggestions, List<Feedback> feedback) {
    Map<String, Feedback> last = new HashMap<>();
    for (Feedback f : feedback) {
      if (!f.suggestionId().isEmpty() && f.kind() != Feedback.Kind.RATED) {
        last.put(f.suggestionId(), f);
      }
    }
    List<Answered> list = new ArrayList<>();
    for (Suggestion s : suggestions) {
      Feedback f = last.get(s.id());
      list.add(new Answered(s, f == null ? null : f.kind(), f == null ? null : f.time()));
    }
    return list;
  }

  private void feedback(RoutingContext ctx) {
    String id = Requests.path(ctx, "id");
    JsonObject body = Requests.body(ctx);
    Feedback.Kind kind = switch (body.getString("kind")) {
      case "done" -> Feedback.Kind.COMPLETED;
      case "snooze" -> Feedback.Kind.SNOOZED;
      case "dismiss" -> Feedback.Kind.DISMISSED;
      default -> throw ApiProblem.badRequest("body field kind: '" + body.getString("kind") + "' is not done, snooze or dismiss");
    };
    Integer snoozeMinutes = body.getInteger("snoozeMinutes");
    if (snoozeMinutes != null && kind != Feedback.Kind.SNOOZED) {
      throw ApiProblem.badRequest("body field snoozeMinutes: only goes with kind snooze, not " + body.getString("kind"));
    }
    Integer rating = body.getInteger("rating");
    Future<Published> published = store.suggestion(id).map(found -> {
      Suggestion s = found.orElseThrow(() -> ApiProblem.notFound("no suggestion '" + id + "'"));
      Instant now = clock.instant();
      List<Feedback> sent = new ArrayList<>();
      sent.add(new Feedback(s.person(), s.id(), s.exerciseId(), kind, null, snoozeMinutes, CHANNEL, now));
      if (rating != null) {
        sent.add(new Feedback(s.person(), s.id(), s.exerciseId(), Feedback.Kind.RATED, rating, null, CHANNEL, now));
      }
      sent.forEach(f -> vertx.eventBus().publish(Addresses.FEEDBACK.name(), f));
      return new Published(sent);
    });
    Replies.json(ctx, 200, published);
  }
}

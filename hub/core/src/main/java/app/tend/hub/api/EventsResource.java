package app.tend.hub.api;

import app.tend.api.Address;
import app.tend.api.Addresses;
import app.tend.hub.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/events}: live hub events as server-sent events, one per bus message, named by kind
 * ({@code stress}, {@code suggestion}, {@code prompt}, {@code session}, {@code feedback}, {@code routine},
 * {@code practice-skipped}),
 * with a comment line every 15 s to keep proxies from closing the stream.
 */
public final class EventsResource implements ApiResource {

  /** The addresses streamed, with their event names. */
  static final Map<String, Address<?>> STREAMED = Map.of(
      "stress", Addresses.STRESS,
      "schedule", Addresses.SCHEDULE,
      "suggestion", Addresses.SUGGESTIONS,
      "prompt", Addresses.PROMPTS,
      "session", Addresses.SESSIONS,
      "feedback", Addresses.FEEDBACK,
      "routine", Addresses.ROUTINES,
      "practice-skipped", Addresses.PRACTICE_SKIPPED);

  private static final long KEEP_ALIVE_MS = 15_000;

  private final Vertx vertx;

  public EventsResource(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void bind(Operations operations) {
    operations.route("streamEvents").addHandler(ctx -> {
      HttpServerResponse response = ctx.response()
          .setChunked(true)
          .putHeader("Content-Type", "text/event-stream; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .putHeader("X-Accel-Buffering", "no");
      response.write(": tend events\n\n");
      List<MessageConsumer<Object>> consumers = new ArrayList<>();
      STREAMED.forEach((event, address) -> consumers.add(vertx.eventBus().consumer(address.name(),
          message -> send(response, event, message.body()))));
      long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, id -> response.write(": keep-alive\n\n"));
      response.closeHandler(closed -> {
        vertx.cancelTimer(keepAlive);
        consumers.forEach(MessageConsumer::unregister);
      });
    });
  }

  private static void send(HttpServerResponse response, String event, Object body) {
    if (response.closed() || response.writeQueueFull()) {
      return;
    }
    try {
      response.write("event: " + event + "\ndata: " + Json.MAPPER.writeValueAsString(body) + "\n\n");
    } catch (JsonProcessingException e) {
      response.write(": cannot render " + event + ": " + e.getOriginalMessage() + "\n\n");
    }
  }
}

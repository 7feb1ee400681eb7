package app.tend.plugins.home.assistant.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the state of the media players Tend speaks on, through one {@code subscribe_trigger} with a
 * {@code state} trigger on all of them, so a spoken step counts as said when its player went from
 * {@code playing} (or {@code buffering}) to anything else. Runs on the plugin's event loop.
 */
final class PlayerWatch {

  private static final Logger log = LoggerFactory.getLogger(PlayerWatch.class);
  private static final Set<String> PLAYING = Set.of("playing", "buffering");

  /** One spoken prompt waiting for its player. */
  final class Wait {
    private final String entity;
    private final Promise<Void> done = Promise.promise();
    private boolean started;
    private boolean sawPlaying;
    private long playingWithinMillis;
    private long timeoutMillis;
    private long timer = -1;

    private Wait(String entity) {
      this.entity = entity;
    }

    /**
     * Starts counting once the call succeeded: completes when the player stopped playing, or when it never
     * reported {@code playing} within {@code playingWithinMillis}; fails when it plays longer than
     * {@code timeoutMillis}.
     */
    Future<Void> finished(long playingWithinMillis, long timeoutMillis) {
      this.playingWithinMillis = playingWithinMillis;
      this.timeoutMillis = timeoutMillis;
      started = true;
      arm();
      return done.future();
    }

    /** Gives up waiting (the call failed, or the connection closed). */
    void cancel(Throwable cause) {
      end(cause);
    }

    private void arm() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      if (!started || done.future().isComplete()) {
        return;
      }
      if (sawPlaying) {
        timer = vertx.setTimer(timeoutMillis, t -> {
          timer = -1;
          end(new IllegalStateException(entity + " was still playing after " + timeoutMillis / 1000 + " s"));
        });
      } else {
        timer = vertx.setTimer(playingWithinMillis, t -> {
          timer = -1;
          log.debug("home-assistant-ws: {} did not report playing within {} ms; the prompt counts as said",
              entity, playingWithinMillis);
          end(null);
        });
      }
    }

    private void state(String state) {
      if (PLAYING.contains(state)) {
        if (!sawPlaying) {
          sawPlaying = true;
          arm();
        }
      } else if (sawPlaying) {
        end(null);
      }
    }

    private void end(Throwable failure) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      List<Wait> list = waits.get(entity);
      if (list != null) {
        list.remove(this);
      }
      if (failure == null) {
        done.tryComplete();
      } else {
        done.tryFail(failure);
      }
    }
  }

  private final Vertx vertx;
  private final Map<String, List<Wait>> waits = new HashMap<>();

  PlayerWatch(Vertx vertx, HaConnection connection, Collection<String> players, ObjectMapper json) {
    this.vertx = vertx;
    if (players.isEmpty()) {
      return;
    }
    ObjectNode trigger = json.createObjectNode().put("platform", "state");
    ArrayNode ids = trigger.putArray("entity_id");
    players.stream().distinct().sorted().forEach(ids::add);
    ObjectNode command = json.createObjectNode().put("type", "subscribe_trigger");
    command.set("trigger", trigger);
    connection.subscribe(command, "the state of " + ids, this::onTrigger);
  }

  /** Starts waiting for a player; call before asking it to speak, so a fast state change is not missed. */
  Wait expect(String entity) {
    Wait wait = new Wait(entity);
    waits.computeIfAbsent(entity, e -> new ArrayList<>()).add(wait);
    return wait;
  }

  /** The connection closed: nobody hears of their player any more. */
  void lost(Throwable cause) {
    for (List<Wait> list : List.copyOf(waits.values())) {
      for (Wait wait : List.copyOf(list)) {
        wait.cancel(cause);
      }
    }
  }

  private void onTrigger(JsonNode event) {
    JsonNode trigger = event.path("variables").path("trigger");
    String entity = trigger.path("entity_id").asText("");
    JsonNode to = trigger.path("to_state");
    String state = to.isObject() ? to.path("state").asText("") : "unavailable";
    List<Wait> list = waits.get(entity);
    if (list != null) {
      for (Wait wait : List.copyOf(list)) {
        wait.state(state);
      }
    }
  }
}

package app.tend.hub.boot;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.Feedback;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.hub.config.ConfigLoader;
import io.micrometer.core.instrument.Counter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real hub in a process of its own, for {@link HubKillTest}: {@code HubProcess <tend.yaml> <instant>}
 * starts the hub with a clock fixed at the instant, then takes commands on standard input and answers on
 * standard output with lines that start with {@code @@}:
 * <ul>
 *   <li>{@code stress} publishes a HIGH stress state; the answer is {@code @@ SUGGESTION <id>} once it is
 *       saved and published, or {@code @@ HELD <reason>} when the coach held back</li>
 *   <li>{@code feedback <kind> <suggestion id> <minutes>} publishes feedback; {@code @@ SAVED} once it is stored</li>
 * </ul>
 */
public final class HubProcess {

  public static void main(String[] args) throws Exception {
    var loaded = new ConfigLoader().load(Path.of(args[0]), Map.of());
    Instant now = Instant.parse(args[1]);
    Hub hub = Hub.create(loaded.config(), loaded.binder(), Clock.fixed(now, ZoneOffset.UTC), Map.of("TEND_API_TOKEN", "kill-test"));
    hub.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    hub.vertx().eventBus().<Suggestion>consumer(Addresses.SUGGESTIONS.name(),
        m -> say("SUGGESTION " + m.body().id()));
    say("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] words = line.trim().split(" ");
      switch (words[0]) {
        case "stress" -> {
          Map<String, Double> heldBefore = held(hub);
          hub.vertx().eventBus().publish(Addresses.STRESS.name(),
              new StressState("alex", now, 82, StressLevel.HIGH, 0.9, Map.of(), "heart rate 25% above your calm level"));
          reportHeld(hub, heldBefore);
        }
        case "feedback" -> {
          Feedback feedback = new Feedback("alex", words[2], "", Feedback.Kind.valueOf(words[1]), null,
              Integer.valueOf(words[3]), "wrist", now);
          hub.vertx().eventBus().publish(Addresses.FEEDBACK.name(), feedback);
          while (!hub.store().feedback("alex", now).toCompletionStage().toCompletableFuture().get().contains(feedback)) {
            Thread.onSpinWait();
          }
          say("SAVED");
        }
        default -> say("UNKNOWN " + line);
      }
    }
  }

  /** Reports the reason once the coach counted a held-back suggestion (a suggestion is reported by its consumer). */
  private static void reportHeld(Hub hub, Map<String, Double> before) {
    hub.vertx().setPeriodic(5, id -> held(hub).forEach((reason, count) -> {
      if (count > before.getOrDefault(reason, 0.0) && hub.vertx().cancelTimer(id)) {
        say("HELD " + reason);
      }
    }));
  }

  private static Map<String, Double> held(Hub hub) {
    Map<String, Double> counts = new java.util.HashMap<>();
    for (Counter counter : hub.registry().find(Meters.SUGGESTIONS_HELD).counters()) {
      counts.put(counter.getId().getTag(Meters.TAG_REASON), counter.count());
    }
    return counts;
  }

  private static synchronized void say(String line) {
    System.out.println("@@ " + line);
    System.out.flush();
  }

  private HubProcess() {}
}

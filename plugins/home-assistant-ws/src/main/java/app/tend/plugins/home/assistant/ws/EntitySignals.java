package app.tend.plugins.home.assistant.ws;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.SignalSource;
import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import app.tend.plugins.home.assistant.ws.HomeAssistantWsConfig.Signal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Home Assistant entities as body signals ({@code signals} in the config): a watch's heart-rate sensor from the
 * companion app, a step counter, an SpO2 sensor. One {@code state} trigger on all of them; each new state is a sample
 * at the state's {@code last_changed}. {@code unavailable} and {@code unknown} are dropped; a state that is not a
 * number is counted ({@code tend_wearable_rejected_total{reason="malformed"}}) and dropped. A step counter counts up
 * through the day: each increase is a sample of the steps since the previous state (a drop is a new day's count).
 */
@Extension(ordinal = 3)
public final class EntitySignals implements SignalSource {

  private static final Set<String> NO_VALUE = Set.of("unavailable", "unknown", "");

  private final PluginContext context;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Double> lastSteps = new HashMap<>();
  private HomeAssistantLink link;

  public EntitySignals(PluginContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    return HomeAssistantLink.acquire(context).onSuccess(acquired -> {
      link = acquired;
      Map<String, Signal> signals = acquired.config().signals();
      if (signals.isEmpty() || acquired.connection() == null) {
        return;
      }
      ObjectNode trigger = json.createObjectNode().put("platform", "state");
      signals.keySet().stream().sorted().forEach(trigger.putArray("entity_id")::add);
      ObjectNode command = json.createObjectNode().put("type", "subscribe_trigger");
      command.set("trigger", trigger);
      acquired.connection().subscribe(command, "the signal entities " + signals.keySet(), this::onTrigger);
    }).mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    return link == null ? Future.succeededFuture() : link.release();
  }

  private void onTrigger(JsonNode event) {
    JsonNode trigger = event.path("variables").path("trigger");
    String entity = trigger.path("entity_id").asText("");
    Signal signal = link.config().signals().get(entity);
    JsonNode to = trigger.path("to_state");
    if (signal == null || !to.isObject()) {
      return;
    }
    String state = to.path("state").asText("");
    if (NO_VALUE.contains(state)) {
      return;
    }
    double value;
    Instant time;
    try {
      value = Double.parseDouble(state);
      time = OffsetDateTime.parse(to.path("last_changed").asText()).toInstant();
    } catch (NumberFormatException | DateTimeParseException e) {
      context.meters().counter(Meters.WEARABLE_REJECTED, Meters.TAG_REASON, Meters.REASON_MALFORMED).increment();
      return;
    }
    if (!Double.isFinite(value)) {
      context.meters().counter(Meters.WEARABLE_REJECTED, Meters.TAG_REASON, Meters.REASON_MALFORMED).increment();
      return;
    }
    SignalKind kind = signal.signalKind();
    if (kind == SignalKind.STEPS) {
      Double previous = lastSteps.put(entity, value);
      if (previous == null || value == previous) {
        return;
      }
      value = value > previous ? value - previous : value;
    }
    context.publish(Addresses.SAMPLES, new Sample(signal.person(), entity, kind, time, value));
    context.meters().counter(Meters.SAMPLES_RECEIVED).increment();
  }
}

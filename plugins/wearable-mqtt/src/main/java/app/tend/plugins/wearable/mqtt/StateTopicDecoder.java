package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plain numeric state topics (a Home Assistant or Node-RED sensor publishing just {@code 72}), each
 * configured with its person and kind. The value is stamped with the arrival time.
 */
final class StateTopicDecoder implements PayloadDecoder {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private record Target(String person, String device, SignalKind kind) {}

  private final Map<String, Target> targets = new HashMap<>();

  StateTopicDecoder(List<WearableMqttConfig.StateTopic> states) {
    for (WearableMqttConfig.StateTopic state : states) {
      targets.put(state.topic(), new Target(state.person(), state.device(),
          SignalKind.fromWireName(state.kind()).orElseThrow()));
    }
  }

  /** True when the topic is one of the configured state topics. */
  boolean covers(String topic) {
    return targets.containsKey(topic);
  }

  @Override
  public void decode(String topic, byte[] payload, long receivedMillis, DecodedSamples out) throws RejectedPayload {
    Target target = targets.get(topic);
    String text = new String(payload, StandardCharsets.UTF_8).trim();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1).trim();
    }
    if (!NUMBER.matcher(text).matches()) {
      throw RejectedPayload.malformed("expected a plain number, got '"
          + (text.length() <= 40 ? text : text.substring(0, 40) + "…") + "'");
    }
    out.source(target.person(), target.device(), false);
    out.add(target.kind(), receivedMillis, Double.parseDouble(text));
  }
}

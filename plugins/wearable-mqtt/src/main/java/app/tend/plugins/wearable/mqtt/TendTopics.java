package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Tend's own topics, {@code <prefix>/<person>/<device>/<kind>} and {@code <prefix>/<person>/<device>},
 * remembering each topic once parsed: a wearable sends on the same few topics all day.
 */
final class TendTopics {

  /**
   * What a Tend topic names.
   *
   * @param person the person id
   * @param device the device
   * @param kind the kind for a single-sample topic, null for a batch topic
   * @param problem why the topic cannot be used, or null when it can
   */
  record TendTopic(String person, String device, SignalKind kind, RejectedPayload problem) {}

  private static final int MAX_REMEMBERED = 100_000;

  private final String prefix;
  private final Map<String, TendTopic> known = new HashMap<>();

  /** @param prefix e.g. {@code tend/wearable}, without a trailing slash */
  TendTopics(String prefix) {
    this.prefix = prefix + "/";
  }

  /** The last level of the topics Tend publishes prompts on: its own output, not a sample. */
  static final String PROMPT = "prompt";

  /** True for {@code <prefix>/<person>/<device>/prompt}, which the wrist channel publishes. */
  boolean isPrompt(String topic) {
    return covers(topic) && topic.endsWith("/" + PROMPT) && topic.substring(prefix.length()).split("/", -1).length == 3;
  }

  /** The topic a person's device gets prompts on. */
  String promptTopic(String person, String device) {
    return prefix + person + "/" + device + "/" + PROMPT;
  }

  /** True when the topic is under the prefix. */
  boolean covers(String topic) {
    return topic.startsWith(prefix);
  }

  /** The parsed topic; call only for topics it {@link #covers}. */
  TendTopic parse(String topic) {
    TendTopic parsed = known.get(topic);
    if (parsed == null) {
      if (known.size() >= MAX_REMEMBERED) {
        known.clear();
      }
      parsed = read(topic);
      known.put(topic, parsed);
    }
    return parsed;
  }

  private TendTopic read(String topic) {
    String[] parts = topic.substring(prefix.length()).split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      return invalid(Reason.MALFORMED, "expected " + prefix + "<person>/<device>[/<kind>]");
    }
    String person = parts[0];
    String device = parts[1];
    if (!WearableMqttConfig.PERSON_ID.matcher(person).matches()) {
      return invalid(Reason.MALFORMED, "person '" + person + "' is not 1 to 64 characters a-z, 0-9, _ or -");
    }
    if (device.isBlank()) {
      return invalid(Reason.MALFORMED, "the device is empty");
    }
    if (parts.length == 2) {
      return new TendTopic(person, device, null, null);
    }
    Optional<SignalKind> kind = SignalKind.fromWireName(parts[2]);
    if (kind.isEmpty()) {
      return invalid(Reason.UNKNOWN_KIND, "unknown kind '" + parts[2] + "'");
    }
    return new TendTopic(person, device, kind.get(), null);
  }

  private static TendTopic invalid(Reason reason, String detail) {
    return new TendTopic(null, null, null, new RejectedPayload(reason, detail));
  }
}

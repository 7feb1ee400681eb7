package app.tend.plugins.voice.hermes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A recognised intent as Rhasspy publishes it on {@code hermes/intent/<name>}: its name, site, session and
 * slots (each slot's {@code value.value}, as text).
 */
record HermesIntent(String name, String siteId, String sessionId, Map<String, String> slots) {

  /** The payload could not be read. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /**
   * Reads an intent message.
   *
   * @param topicName the name at the end of the topic, used when the payload names none
   * @throws Malformed when the payload is not JSON or lacks the site
   */
  static HermesIntent read(ObjectMapper json, String topicName, byte[] payload) throws Malformed {
    JsonNode root;
    try {
      root = json.readTree(payload);
    } catch (IOException e) {
      throw new Malformed("not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new Malformed("not a JSON object");
    }
    String name = root.path("intent").path("intentName").asText(topicName);
    if (name.isBlank()) {
      name = topicName;
    }
    JsonNode site = root.get("siteId");
    if (site == null || !site.isTextual() || site.asText().isBlank()) {
      throw new Malformed("no siteId");
    }
    Map<String, String> slots = new LinkedHashMap<>();
    for (JsonNode slot : root.path("slots")) {
      String slotName = slot.path("slotName").asText("");
      JsonNode value = slot.path("value").path("value");
      if (!slotName.isEmpty() && value.isValueNode() && !value.isNull()) {
        slots.put(slotName, value.asText());
      } else if (!slotName.isEmpty() && slot.hasNonNull("rawValue")) {
        slots.put(slotName, slot.get("rawValue").asText());
      }
    }
    return new HermesIntent(name, site.asText(), root.path("sessionId").asText(""), slots);
  }
}

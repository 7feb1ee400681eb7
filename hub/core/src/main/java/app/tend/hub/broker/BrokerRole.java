package app.tend.hub.broker;

import java.util.List;

/**
 * What a user of the embedded broker may do, by its role. Tend's own topics are split so that no role but the hub's
 * can both read what Tend says about a person and act on it: wearables publish only their own samples and read
 * only their own prompts; bridges publish anyone's samples; Home Assistant and voice satellites have their own
 * topics. Anything a role is not given is refused: a publish disconnects the client, a subscription is not granted.
 */
public enum BrokerRole {
  /** The hub itself and its plugins: everything. */
  HUB,
  /** One person's wearable: {@code tend/wearable/<person>/…} samples and prompts, nothing else. */
  WEARABLE,
  /** A bridge of many wearables (EspruinoHub, OpenMQTTGateway, a phone app): anyone's samples, no prompts. */
  BRIDGE,
  /** Home Assistant: discovery, Tend's entities and their commands. */
  HOME,
  /** Voice satellites (Rhasspy and other Hermes speakers). */
  VOICE;

  /** Publish, subscribe or both. */
  public enum Activity { PUBLISH, SUBSCRIBE, ALL }

  /**
   * One line of a role's rules; the first rule whose filter covers a topic decides.
   *
   * @param allow whether it allows or refuses
   * @param activity what it is about
   * @param filter the MQTT topic filter it covers
   */
  public record Rule(boolean allow, Activity activity, String filter) {}

  /** The rules of this role, for the wearable of {@code person} (ignored by the other roles); empty for the hub. */
  public List<Rule> rules(String person) {
    return switch (this) {
      case HUB -> List.of();
      case WEARABLE -> List.of(
          new Rule(false, Activity.PUBLISH, "tend/wearable/" + person + "/+/prompt"),
          new Rule(true, Activity.PUBLISH, "tend/wearable/" + person + "/+"),
          new Rule(true, Activity.PUBLISH, "tend/wearable/" + person + "/+/+"),
          new Rule(true, Activity.SUBSCRIBE, "tend/wearable/" + person + "/+/prompt"));
      case BRIDGE -> List.of(
          new Rule(false, Activity.PUBLISH, "tend/wearable/+/+/prompt"),
          new Rule(true, Activity.PUBLISH, "tend/wearable/+/+"),
          new Rule(true, Activity.PUBLISH, "tend/wearable/+/+/+"),
          new Rule(true, Activity.ALL, "/ble/#"),
          new Rule(true, Activity.ALL, "home/#"));
      case HOME -> List.of(
          new Rule(true, Activity.ALL, "homeassistant/#"),
          new Rule(true, Activity.ALL, "tend/ha/#"));
      case VOICE -> List.of(
          new Rule(true, Activity.ALL, "hermes/#"),
          new Rule(true, Activity.ALL, "rhasspy/#"));
    };
  }
}

package app.tend.plugins.wearable.mqtt;

import java.util.Map;

/** Whose device is it: the {@code devices} mapping of the config, keyed by MAC address or topic. */
final class DeviceDirectory {

  private final Map<String, String> persons;

  /** @param persons normalised device id ({@link DeviceIds#normalise}) to person id */
  DeviceDirectory(Map<String, String> persons) {
    this.persons = Map.copyOf(persons);
  }

  /**
   * The device a topic is about: its first level that is a MAC address, else the topic itself.
   */
  static String deviceOfTopic(String topic) {
    for (String level : topic.split("/")) {
      if (DeviceIds.isMac(level)) {
        return DeviceIds.normalise(level);
      }
    }
    return topic;
  }

  /** The person wearing the device. */
  String personOf(String device) throws RejectedPayload {
    String person = persons.get(device);
    if (person == null) {
      throw new RejectedPayload(Reason.UNKNOWN_DEVICE, "device " + device + " is not in 'devices'");
    }
    return person;
  }
}

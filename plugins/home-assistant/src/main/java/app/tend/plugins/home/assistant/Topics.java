package app.tend.plugins.home.assistant;

/**
 * The topics of one person: discovery configs under {@code <prefix>/<component>/tend_<person>/<object>/config},
 * states under {@code <base>/<person>/<object>}, commands under {@code <base>/<person>/<object>/set} (a switch)
 * or {@code …/press} (a button), and one availability topic for all, {@code <base>/status}.
 *
 * @param person the person
 * @param config the plugin's settings
 */
record Topics(String person, HomeAssistantConfig config) {

  /** The node id: the device's identifier, and the {@code <node_id>} level of the discovery topics. */
  String nodeId() {
    return "tend_" + person;
  }

  int qos() {
    return config.qos();
  }

  String discovery(Entity entity) {
    return config.discoveryPrefix() + "/" + entity.component() + "/" + nodeId() + "/" + entity.objectId() + "/config";
  }

  String state(Entity entity) {
    return config.baseTopic() + "/" + person + "/" + entity.objectId();
  }

  String attributes(Entity entity) {
    return state(entity) + "/attributes";
  }

  /** An entity's own availability, beside Tend's: the next-session sensor is unavailable while none is planned. */
  String availability(Entity entity) {
    return state(entity) + "/availability";
  }

  String command(Entity entity) {
    return state(entity) + (entity == Entity.START_GROUNDING ? "/press" : "/set");
  }

  /** Tend's availability: {@code online} (birth, retained) and {@code offline} (last will, retained). */
  String availability() {
    return availability(config);
  }

  static String availability(HomeAssistantConfig config) {
    return config.baseTopic() + "/status";
  }

  /** The subscriptions for every person's commands. */
  static String[] commandFilters(HomeAssistantConfig config) {
    return new String[] {
        config.baseTopic() + "/+/" + Entity.START_GROUNDING.objectId() + "/press",
        config.baseTopic() + "/+/" + Entity.DO_NOT_DISTURB.objectId() + "/set"};
  }
}

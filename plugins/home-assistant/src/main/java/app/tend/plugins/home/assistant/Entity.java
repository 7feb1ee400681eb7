package app.tend.plugins.home.assistant;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The entities every person gets in Home Assistant, with the discovery payload of each in the format
 * Home Assistant documents for MQTT discovery (integrations {@code mqtt}, {@code sensor.mqtt},
 * {@code binary_sensor.mqtt}, {@code button.mqtt}, {@code switch.mqtt}).
 */
enum Entity {
  /** The stress score, 0 to 100. */
  STRESS_SCORE("sensor", "stress_score", "Stress score", "mdi:heart-pulse") {
    @Override
    void describe(JsonObject config, Topics topics) {
      config.put("state_topic", topics.state(this))
          .put("unit_of_measurement", "%")
          .put("state_class", "measurement");
    }
  },
  /** The stress level, one of {@link #LEVELS}. */
  STRESS_LEVEL("sensor", "stress_level", "Stress level", "mdi:gauge") {
    @Override
    void describe(JsonObject config, Topics topics) {
      config.put("state_topic", topics.state(this))
          .put("device_class", "enum")
          .put("options", new JsonArray(java.util.List.of((Object[]) LEVELS)));
    }
  },
  /** ON while a therapy session runs. */
  IN_SESSION("binary_sensor", "in_session", "In session", "mdi:account-voice") {
    @Override
    void describe(JsonObject config, Topics topics) {
      config.put("state_topic", topics.state(this)).put("payload_on", ON).put("payload_off", OFF);
    }
  },
  /** ON in the window after a session. */
  DECOMPRESS("binary_sensor", "decompress", "Decompress window", "mdi:tea") {
    @Override
    void describe(JsonObject config, Topics topics) {
      config.put("state_topic", topics.state(this)).put("payload_on", ON).put("payload_off", OFF);
    }
  },
  /**
   * When the next session starts; unavailable while none is planned. Home Assistant 2023.12 logs every
   * other way of saying "none" on a timestamp sensor ({@code None}, an empty payload) as an invalid state.
   */
  NEXT_SESSION("sensor", "next_session", "Next session", "mdi:calendar-clock") {
    @Override
    void describe(JsonObject config, Topics topics) {
      config.remove("availability_topic");
      config.remove("payload_available");
      config.remove("payload_not_available");
      config.put("state_topic", topics.state(this)).put("device_class", "timestamp")
          .put("availability", new JsonArray()
              .add(availability(topics.availability()))
              .add(availability(topics.availability(this))))
          .put("availability_mode", "all");
    }
  },
  /** The title of the coach's last suggestion; its words and reason as attributes. */
  LAST_SUGGESTION("sensor", "last_suggestion", "Last suggestion", "mdi:lightbulb-on-outline") {
    @Override
    void describe(JsonObject config, Topics topics) {
      config.put("state_topic", topics.state(this)).put("json_attributes_topic", topics.attributes(this));
    }
  },
  /** Asks Tend to start a grounding exercise. */
  START_GROUNDING("button", "start_grounding", "Start grounding", "mdi:meditation") {
    @Override
    void describe(JsonObject config, Topics topics) {
      config.put("command_topic", topics.command(this)).put("payload_press", PRESS);
    }
  },
  /** While ON, the coach offers nothing of its own accord. */
  DO_NOT_DISTURB("switch", "do_not_disturb", "Do not disturb", "mdi:bell-off") {
    @Override
    void describe(JsonObject config, Topics topics) {
      config.put("command_topic", topics.command(this))
          .put("state_topic", topics.state(this))
          .put("payload_on", ON)
          .put("payload_off", OFF)
          .put("state_on", ON)
          .put("state_off", OFF);
    }
  };

  /** The stress levels as the enum sensor's states, lower case as Home Assistant recommends. */
  static final String[] LEVELS = {"calm", "elevated", "high", "active", "unknown"};
  static final String ON = "ON";
  static final String OFF = "OFF";
  static final String PRESS = "PRESS";
  static final String ONLINE = "online";
  static final String OFFLINE = "offline";
  /** No value: the next-session sensor shows it as unavailable. */
  static final String NONE = "";

  private final String component;
  private final String objectId;
  private final String title;
  private final String icon;

  Entity(String component, String objectId, String title, String icon) {
    this.component = component;
    this.objectId = objectId;
    this.title = title;
    this.icon = icon;
  }

  /** Home Assistant's component (platform): {@code sensor}, {@code binary_sensor}, {@code button}, {@code switch}. */
  String component() {
    return component;
  }

  /** The object id in topics and in the unique id. */
  String objectId() {
    return objectId;
  }

  static JsonObject availability(String topic) {
    return new JsonObject().put("topic", topic).put("payload_available", ONLINE).put("payload_not_available", OFFLINE);
  }

  /** The entity's own topics: state or command, and attributes. */
  abstract void describe(JsonObject config, Topics topics);

  /** The retained discovery payload for this entity of a person. */
  JsonObject discovery(Topics topics) {
    JsonObject config = new JsonObject()
        .put("name", title)
        .put("unique_id", topics.nodeId() + "_" + objectId)
        .put("icon", icon)
        .put("availability_topic", topics.availability())
        .put("payload_available", ONLINE)
        .put("payload_not_available", OFFLINE)
        .put("qos", topics.qos())
        .put("device", new JsonObject()
            .put("identifiers", new JsonArray().add(topics.nodeId()))
            .put("name", "Tend " + topics.person())
            .put("manufacturer", "Tend")
            .put("model", "Wellbeing hub"))
        .put("origin", new JsonObject()
            .put("name", "Tend"));
    describe(config, topics);
    return config;
  }
}

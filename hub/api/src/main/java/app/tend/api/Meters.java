package app.tend.api;

/**
 * Meter names used by the hub and its plugins, in dotted lower case (Prometheus shows them with
 * underscores, e.g. {@code tend_samples_received_total}).
 *
 * <p>Meters created through {@link PluginContext#meters()} carry the tag {@value #TAG_PLUGIN}{@code =<plugin id>}.
 */
public final class Meters {

  /** Tag naming the plugin that owns a meter. */
  public static final String TAG_PLUGIN = "plugin";

  /** Tag naming why something was rejected. */
  public static final String TAG_REASON = "reason";

  /** Tag naming a prompt channel ({@code voice}, {@code wrist}, ...). */
  public static final String TAG_CHANNEL = "channel";

  /** Tag naming how something ended ({@code completed}, {@code abandoned}, ...). */
  public static final String TAG_OUTCOME = "outcome";

  /** Tag naming a signal kind ({@code hr}, {@code rr}, ...). */
  public static final String TAG_KIND = "kind";

  /** Counter: samples a signal source turned into {@code Sample}s and published. */
  public static final String SAMPLES_RECEIVED = "tend.samples.received";

  /** Counter: MQTT messages a plugin took off the broker, accepted or not. */
  public static final String MQTT_MESSAGES = "tend.mqtt.messages";

  /** Counter: wearable payloads or samples dropped, tagged with {@value #TAG_REASON}. */
  public static final String WEARABLE_REJECTED = "tend.wearable.rejected";

  /** Gauge: wearable messages taken off the broker and waiting to be decoded. */
  public static final String WEARABLE_QUEUE = "tend.wearable.queue";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the payload or topic could not be read. */
  public static final String REASON_MALFORMED = "malformed";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the device is not mapped to a person. */
  public static final String REASON_UNKNOWN_DEVICE = "unknown_device";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the payload holds no signal kind Tend reads. */
  public static final String REASON_UNKNOWN_KIND = "unknown_kind";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the value is outside the kind's physiological range. */
  public static final String REASON_OUT_OF_RANGE = "out_of_range";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the sensor reported no skin contact. */
  public static final String REASON_NO_CONTACT = "no_contact";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the sample's time is too far in the future. */
  public static final String REASON_TIME_IN_FUTURE = "time_in_future";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the sample's time is implausibly old (often seconds sent as milliseconds). */
  public static final String REASON_TIME_TOO_OLD = "time_too_old";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the same sample arrived again (a re-delivery). */
  public static final String REASON_DUPLICATE = "duplicate";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the hand-off queue was full, so the message was dropped. */
  public static final String REASON_OVERFLOW = "overflow";

  /** Counter: stress states published by the stress engine. */
  public static final String STRESS_UPDATES = "tend.stress.updates";

  /** Counter: suggestions the coach made. */
  public static final String SUGGESTIONS_MADE = "tend.suggestions.made";

  /** Counter: times the coach held back a suggestion it would otherwise have made, tagged with {@value #TAG_REASON}. */
  public static final String SUGGESTIONS_HELD = "tend.suggestions.held";

  /** Counter: exercise outcomes the coach measured (closed loop), tagged {@code exercise}. */
  public static final String OUTCOMES_MEASURED = "tend.outcomes.measured";

  /** Counter: schedule refreshes that failed, tagged with the {@value #TAG_PLUGIN} of the source. */
  public static final String SCHEDULE_SOURCE_FAILED = "tend.schedule.source.failed";

  /** Counter: calendar downloads and file reads, tagged {@code result} ({@code changed}, {@code unchanged}, {@code failed}). */
  public static final String CALENDAR_FETCHES = "tend.calendar.fetches";

  /** Counter: store writes that failed (the data was not saved), tagged {@code table}. */
  public static final String STORE_WRITES_FAILED = "tend.store.writes.failed";

  /** Gauge: 1 while the store can write, 0 from a write it could not make (a full disk) until it can again. */
  public static final String STORE_WRITABLE = "tend.store.writable";

  /** Counter: routine runs, tagged {@code routine} and {@code result} ({@code ok}, {@code failed}, {@code dry-run}). */
  public static final String ROUTINE_RUNS = "tend.routines.runs";

  /** Counter: routine actions that failed after every attempt, tagged {@code target}. */
  public static final String ROUTINE_ACTIONS_FAILED = "tend.routines.actions.failed";

  /** Counter: commands a home-automation system sent to Tend (a button pressed, a switch turned), tagged {@code command}. */
  public static final String HOME_COMMANDS = "tend.home.commands";

  /** Counter: prompts delivered to a channel, tagged with {@value #TAG_CHANNEL}. */
  public static final String PROMPTS_SENT = "tend.prompts.sent";

  /** Counter: prompts a channel could not deliver, tagged with {@value #TAG_CHANNEL}. */
  public static final String PROMPTS_FAILED = "tend.prompts.failed";

  /**
   * Counter: suggestions never offered, tagged with {@value #TAG_REASON} ({@code expired}, {@code no_channel},
   * {@code exercise_running}).
   */
  public static final String SUGGESTIONS_UNDELIVERED = "tend.suggestions.undelivered";

  /** Counter: guided exercises that ended, tagged with {@value #TAG_OUTCOME} ({@code completed}, {@code abandoned}). */
  public static final String EXERCISES_FINISHED = "tend.exercises.finished";

  /**
   * Counter: voice messages a voice plugin ignored, tagged with {@value #TAG_REASON} ({@code unknown_intent},
   * {@code unknown_site}, {@code malformed}, ...).
   */
  public static final String VOICE_IGNORED = "tend.voice.ignored";

  /** Counter: requests a voice plugin refused because they failed verification, tagged with {@value #TAG_REASON}. */
  public static final String VOICE_REFUSED = "tend.voice.refused";

  /** Counter: feedback messages received. */
  public static final String FEEDBACK_RECEIVED = "tend.feedback.received";

  /** Counter: plugins that failed, in start, stop or a callback. */
  public static final String PLUGINS_FAILED = "tend.plugins.failed";

  /** Gauge: plugins by state, tagged {@code state}. */
  public static final String PLUGINS = "tend.plugins";

  /** Gauge: 1 while the MQTT broker is reachable, 0 otherwise. */
  public static final String BROKER_UP = "tend.broker.up";

  /** Counter: messages the embedded broker dropped, e.g. because a client's queue was full. */
  public static final String BROKER_DROPPED = "tend.broker.messages.dropped";

  /** Gauge: clients connected to the embedded broker. */
  public static final String BROKER_CONNECTIONS = "tend.broker.connections";

  private Meters() {}
}

package app.tend.api;

import java.util.Map;

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

  /**
   * {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the sample came later than the late window allows behind the
   * newest of its series, so it can no longer be told from a re-delivery.
   */
  public static final String REASON_TOO_LATE = "too_late";

  /** {@value #TAG_REASON} of {@link #WEARABLE_REJECTED}: the hand-off queue was full, so the message was dropped. */
  public static final String REASON_OVERFLOW = "overflow";

  /**
   * {@value #TAG_REASON} of {@link #WEARABLE_REJECTED} and {@link #BROKER_REFUSED}: the message was larger than
   * {@code mqtt.maxMessageKiB}, so it was dropped unread.
   */
  public static final String REASON_TOO_LARGE = "too_large";

  /** {@value #TAG_REASON} of {@link #BROKER_REFUSED}: a client's user name is unknown or its password wrong. */
  public static final String REASON_BAD_CREDENTIALS = "bad_credentials";

  /** {@value #TAG_REASON} of {@link #BROKER_REFUSED}: a client published where its role may not, and was disconnected. */
  public static final String REASON_NOT_AUTHORIZED = "not_authorized";

  /** Counter: stress states published by the stress engine. */
  public static final String STRESS_UPDATES = "tend.stress.updates";

  /** Gauge: persons whose stress engine is in memory (the others are put away until their next sample). */
  public static final String STRESS_PERSONS = "tend.stress.persons";

  /**
   * Counter: samples the stress engine dropped because more than it holds arrived while a returning person's
   * baseline was being loaded.
   */
  public static final String STRESS_SAMPLES_DROPPED = "tend.stress.samples.dropped";

  /**
   * Counter: samples the stress engine left out because they came more than 5 s behind the person's newest (a
   * backlog sent after newer samples): the seconds they belong to were judged already.
   */
  public static final String STRESS_SAMPLES_LATE = "tend.stress.samples.late";

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

  /** Counter: calendar events skipped because they could not be read (each is logged with its line and UID). */
  public static final String CALENDAR_EVENTS_SKIPPED = "tend.calendar.events.skipped";

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

  /**
   * Counter: clients and messages the embedded broker refused, tagged with {@value #TAG_REASON}
   * ({@value #REASON_TOO_LARGE}, {@value #REASON_BAD_CREDENTIALS}, {@value #REASON_NOT_AUTHORIZED}).
   */
  public static final String BROKER_REFUSED = "tend.broker.refused";

  /**
   * The help text of every meter named here, as Prometheus shows it ({@code # HELP}); the hub gives it to each
   * meter that was registered without a description.
   */
  public static final Map<String, String> HELP = Map.ofEntries(
      Map.entry(SAMPLES_RECEIVED, "Samples a signal source turned into samples and published"),
      Map.entry(MQTT_MESSAGES, "MQTT messages a plugin took off the broker, accepted or not"),
      Map.entry(WEARABLE_REJECTED, "Wearable payloads or samples dropped, by reason"),
      Map.entry(WEARABLE_QUEUE, "Wearable messages taken off the broker and waiting to be decoded"),
      Map.entry(STRESS_UPDATES, "Stress states published by the stress engine"),
      Map.entry(STRESS_PERSONS, "Persons whose stress engine is in memory"),
      Map.entry(STRESS_SAMPLES_DROPPED, "Samples dropped while a returning person's baseline was being loaded"),
      Map.entry(STRESS_SAMPLES_LATE, "Samples the stress engine left out for coming more than 5 s behind the newest"),
      Map.entry(SUGGESTIONS_MADE, "Suggestions the coach made, by trigger"),
      Map.entry(SUGGESTIONS_HELD, "Suggestions the coach held back, by reason"),
      Map.entry(OUTCOMES_MEASURED, "Exercise outcomes the coach measured, by exercise"),
      Map.entry(SCHEDULE_SOURCE_FAILED, "Schedule refreshes that failed, by plugin"),
      Map.entry(CALENDAR_FETCHES, "Calendar downloads and file reads, by result"),
      Map.entry(CALENDAR_EVENTS_SKIPPED, "Calendar events skipped because they could not be read"),
      Map.entry(STORE_WRITES_FAILED, "Store writes that failed (the data was not saved), by table"),
      Map.entry(STORE_WRITABLE, "1 while the store can write, 0 while writes fail (e.g. a full disk)"),
      Map.entry(ROUTINE_RUNS, "Routine runs, by routine and result"),
      Map.entry(ROUTINE_ACTIONS_FAILED, "Routine actions that failed after every attempt, by target"),
      Map.entry(HOME_COMMANDS, "Commands a home-automation system sent to Tend, by command"),
      Map.entry(PROMPTS_SENT, "Prompts delivered, by channel"),
      Map.entry(PROMPTS_FAILED, "Prompts a channel could not deliver, by channel"),
      Map.entry(SUGGESTIONS_UNDELIVERED, "Suggestions never offered, by reason"),
      Map.entry(EXERCISES_FINISHED, "Guided exercises that ended, by outcome"),
      Map.entry(VOICE_IGNORED, "Voice messages a voice plugin ignored, by reason"),
      Map.entry(VOICE_REFUSED, "Requests a voice plugin refused because they failed verification, by reason"),
      Map.entry(FEEDBACK_RECEIVED, "Feedback messages received"),
      Map.entry(PLUGINS_FAILED, "Plugin failures in start, stop or a callback, by plugin"),
      Map.entry(PLUGINS, "Plugins by state"),
      Map.entry(BROKER_UP, "1 while the MQTT broker is reachable, 0 otherwise"),
      Map.entry(BROKER_DROPPED, "Messages the embedded broker dropped, e.g. because a client queue was full"),
      Map.entry(BROKER_CONNECTIONS, "Clients connected to the embedded broker"),
      Map.entry(BROKER_REFUSED, "Clients and messages the embedded broker refused, by reason"));

  private Meters() {}
}

package app.tend.api;

import app.tend.api.message.DoNotDisturb;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.PracticeSkipped;
import app.tend.api.message.Prompt;
import app.tend.api.message.RoutineRun;
import app.tend.api.message.Sample;
import app.tend.api.message.SampleBatch;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.SessionEvent;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import java.util.List;

/**
 * The event-bus addresses of the hub, grouped by the stage of the flow that owns them.
 *
 * <p>Every message is published (not sent point to point), so any number of consumers may listen.
 */
public final class Addresses {

  /**
   * Signals: cleaned-up {@link Sample}s a {@link SignalSource} produced, one per message. A source publishes
   * each sample either here or, when it takes samples in bulk, in a batch on {@link #SAMPLE_BATCHES}; to get
   * every sample, subscribe with {@link PluginContext#subscribeSamples}, which listens to both.
   */
  public static final Address<Sample> SAMPLES = new Address<>("tend.samples", Sample.class);

  /**
   * Signals: {@link SampleBatch}es, samples a source took in together (wearable-mqtt publishes the messages
   * of one pass over its queue as one batch). Samples published here are not also on {@link #SAMPLES}.
   */
  public static final Address<SampleBatch> SAMPLE_BATCHES = new Address<>("tend.samples.batches", SampleBatch.class);

  /** Stress: a person's new {@link StressState}, published by the stress engine when it changes or every few seconds. */
  public static final Address<StressState> STRESS = new Address<>("tend.stress", StressState.class);

  /** Schedule: a therapy session started or ended ({@link SessionEvent}), from a calendar or said by the person. */
  public static final Address<SessionEvent> SESSIONS = new Address<>("tend.schedule.sessions", SessionEvent.class);

  /** Schedule: a person's {@link ScheduleStatus} changed (before, in or after a session, busy, quiet hours, between). */
  public static final Address<ScheduleStatus> SCHEDULE = new Address<>("tend.schedule.state", ScheduleStatus.class);

  /** Coach: a new {@link Suggestion} for a person. */
  public static final Address<Suggestion> SUGGESTIONS = new Address<>("tend.suggestions", Suggestion.class);

  /**
   * Coach: a person's do-not-disturb setting ({@link DoNotDisturb}), published by the coach whenever it is
   * asked to change it (a {@code DO_NOT_DISTURB_ON} or {@code _OFF} intent), changed or not, and for every
   * person it knows when it starts (source {@code coach}).
   */
  public static final Address<DoNotDisturb> DO_NOT_DISTURB =
      new Address<>("tend.suggestions.do-not-disturb", DoNotDisturb.class);

  /** Coach: a practice reminder it did not make, and why ({@link PracticeSkipped}). */
  public static final Address<PracticeSkipped> PRACTICE_SKIPPED =
      new Address<>("tend.suggestions.practice-skipped", PracticeSkipped.class);

  /** Channels: a {@link Prompt} the hub asked a channel to deliver (for dashboards and logs; delivery itself is a call). */
  public static final Address<Prompt> PROMPTS = new Address<>("tend.suggestions.prompts", Prompt.class);

  /** Feedback: what a person did with a suggestion or exercise ({@link Feedback}); published by channels and the API. */
  public static final Address<Feedback> FEEDBACK = new Address<>("tend.feedback", Feedback.class);

  /** Voice and buttons: something a person asked for ({@link Intent}); published by voice and home plugins. */
  public static final Address<Intent> INTENTS = new Address<>("tend.intents", Intent.class);

  /** Home automation: a routine ran, with the outcome of each action ({@link RoutineRun}). */
  public static final Address<RoutineRun> ROUTINES = new Address<>("tend.routines", RoutineRun.class);

  /** Every address above, for registering codecs once at boot. */
  public static final List<Address<?>> ALL =
      List.of(SAMPLES, SAMPLE_BATCHES, STRESS, SESSIONS, SCHEDULE, SUGGESTIONS, DO_NOT_DISTURB, PRACTICE_SKIPPED, PROMPTS, FEEDBACK, INTENTS, ROUTINES);

  /**
   * The addresses that carry a person's current state rather than an event: a plugin that subscribes to one
   * through {@link PluginContext#subscribe} gets the latest message of every person first, as an MQTT client
   * gets retained messages, so what it shows is right from its start, not from the next change.
   */
  public static final List<Address<?>> STATES = List.of(STRESS, SCHEDULE, DO_NOT_DISTURB);

  private Addresses() {}
}

package app.tend.hub.runner;

import static app.tend.hub.Await.result;

import app.tend.api.Addresses;
import app.tend.api.ChannelCapability;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.hub.bus.MessageCodecs;
import app.tend.hub.channels.PromptSender;
import app.tend.hub.channels.TestChannel;
import app.tend.hub.channels.TestChannels;
import app.tend.hub.config.RunnerConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.testkit.ManualClock;
import app.tend.testkit.ManualTimers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A runner on a real Vert.x with a manual clock and timers, a held {@code voice} channel (plugin
 * {@code plugin-voice}), a {@code wrist} channel that delivers at once, a held {@code speaker} that paces
 * itself (as Alexa does), and every feedback it publishes.
 */
final class RunnerHarness implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

  /** A grounding exercise of 10, 20 and 5 seconds, a breathing pattern of two 4-second steps, a spoken body scan. */
  static final String CATALOGUE = """
      exercises:
        - id: calm-steps
          title: Calm steps
          kind: GROUNDING
          offer: Would some calm steps help?
          why: They help.
          steps:
            - {say: "Feet on the floor.", seconds: 10}
            - {say: "Name five things you see.", seconds: 20}
            - {say: "One slow breath.", seconds: 5}
        - id: square
          title: Square breathing
          kind: BREATHING
          offer: Would square breathing help?
          why: Even breaths settle the heart.
          steps:
            - {say: "Breathe in, two, three, four.", seconds: 4}
            - {say: "Breathe out, two, three, four.", seconds: 4}
        - id: listen-in
          title: Listening in
          kind: RELAXATION
          offer: Shall we listen to your body for a moment?
          why: Noticing is the first step.
          needs: [VOICE]
          steps:
            - {say: "Close your eyes and notice your feet.", seconds: 10}
      """;

  final Vertx vertx = Vertx.vertx();
  final ManualClock clock = new ManualClock(T0);
  final ManualTimers timers = new ManualTimers(clock);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final TestChannel voice = new TestChannel("voice", TestChannel.Mode.HOLD, ChannelCapability.VOICE, ChannelCapability.ANSWER);
  final TestChannel wrist = new TestChannel("wrist", TestChannel.Mode.DELIVER, ChannelCapability.HAPTIC);
  final TestChannel speaker = new TestChannel("speaker", TestChannel.Mode.HOLD, ChannelCapability.VOICE,
      ChannelCapability.ANSWER, ChannelCapability.PACES_ITSELF);
  final ExerciseCatalogue catalogue;
  final PromptSender sender;
  final ExerciseRunner runner;
  final BlockingQueue<Feedback> feedback = new LinkedBlockingQueue<>();

  RunnerHarness(Path dir) {
    MessageCodecs.register(vertx.eventBus());
    try {
      Path file = dir.resolve("exercises.yaml");
      Files.writeString(file, CATALOGUE);
      catalogue = ExerciseCatalogue.load(file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sender = new PromptSender(vertx, TestChannels.of(List.of(voice, wrist, speaker)), meters);
    Timers manual = new Timers() {
      @Override
      public long after(long delayMillis, Runnable task) {
        return timers.after(delayMillis, task);
      }

      @Override
      public void cancel(long id) {
        timers.cancel(id);
      }
    };
    runner = new ExerciseRunner(catalogue, sender, Set.of("alex")::contains, person -> List.of("voice", "wrist"),
        clock, manual, RunnerConfig.defaults(), meters);
    vertx.eventBus().<Feedback>consumer(Addresses.FEEDBACK.name(), m -> feedback.add(m.body()));
    result(vertx.deployVerticle(runner));
  }

  /** Publishes an intent of alex's, said to the voice channel's plugin. */
  void say(Intent.Kind kind, Map<String, String> slots) {
    vertx.eventBus().publish(Addresses.INTENTS.name(), new Intent("alex", kind, slots, "plugin-voice", "kitchen", clock.instant()));
  }

  /** The next feedback published, waiting up to 5 s. */
  Feedback nextFeedback() throws InterruptedException {
    Feedback next = feedback.poll(5, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("no feedback was published");
    }
    return next;
  }

  double sent(String channel) {
    var counter = meters.find(app.tend.api.Meters.PROMPTS_SENT).tag(app.tend.api.Meters.TAG_CHANNEL, channel).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    result(vertx.close());
  }
}

package app.tend.plugins.voice.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.api.BrokerSettings;
import app.tend.api.exercise.Exercise;
import app.tend.api.exercise.ExerciseKind;
import app.tend.api.exercise.Step;
import app.tend.api.message.Prompt;
import app.tend.hub.exercise.ExerciseCatalogue;
import app.tend.testkit.TestPluginContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** espeak-ng for real (the Debian package): rendered speech, its length, and what the plugin says it does. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VoiceLocalTest {

  @TempDir Path temp;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void boxBreathingRenderedWithItsPausesLastsWithinFifteenPercentOfItsPlan() throws Exception {
    LocalSpeaker speaker = started(new VoiceLocalConfig(null, "files", temp.resolve("speech").toString(), null, null,
        null, null));
    Exercise box = ExerciseCatalogue.load("").find("box-breathing").orElseThrow();
    assertThat(box.kind()).isEqualTo(ExerciseKind.BREATHING);

    long spoken = 0;
    long total = 0;
    for (int i = 0; i < box.steps().size(); i++) {
      Step step = box.steps().get(i);
      Path wav = temp.resolve("step-" + i + ".wav");
      speaker.render(step.say(), wav);
      long speech = WavFiles.durationMillis(wav);
      // The runner keeps a breathing pattern's rhythm: a step's pause is what is left of its seconds.
      long pause = Math.max(0, step.seconds() * 1000L - speech);
      spoken += speech;
      total += speech + pause;
    }
    long planned = box.durationSeconds() * 1000L;
    System.out.printf("box-breathing: planned %d ms, speech %d ms, speech + pauses %d ms (%+.1f%%)%n", planned, spoken,
        total, 100.0 * (total - planned) / planned);

    assertThat(spoken).as("espeak-ng said something for every step").isGreaterThan(box.steps().size() * 500L);
    assertThat((double) total).isCloseTo(planned, org.assertj.core.data.Percentage.withPercentage(15));
  }

  @Test
  void headerDurationAgreesWithSox() throws Exception {
    LocalSpeaker speaker = started(new VoiceLocalConfig(null, "files", temp.resolve("speech").toString(), null, null,
        null, null));
    Path wav = temp.resolve("one.wav");
    speaker.render("Breathe in, two, three, four.", wav);
    Optional<Path> soxi = Espeak.find("soxi");
    org.junit.jupiter.api.Assumptions.assumeTrue(soxi.isPresent(), "sox is not installed");

    Process process = new ProcessBuilder(soxi.get().toString(), "-D", wav.toString()).start();
    String seconds = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor()).isZero();
    assertThat((double) WavFiles.durationMillis(wav)).isCloseTo(Double.parseDouble(seconds) * 1000,
        org.assertj.core.data.Offset.offset(2.0));
  }

  @Test
  void promptInFileModeIsWrittenAsAWavAndCountsAsSaidWhenItHasPlayed() throws Exception {
    Path folder = temp.resolve("speech");
    LocalSpeaker speaker = started(new VoiceLocalConfig(null, "files", folder.toString(), null, null, null, null));
    assertThat(speaker.speaking()).isFalse();

    done(speaker.deliver(new Prompt("p1", "alex", "speaker", Prompt.Kind.STEP, "", "box-breathing", "Box breathing",
        "Hold, two, three, four.", 3, 19, 4)));

    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
          .endsWith("-alex-step-3.wav");
    }
  }

  @Test
  void withoutASoundDeviceAutoWritesFiles() throws Exception {
    LocalSpeaker speaker = started(new VoiceLocalConfig(null, null, temp.resolve("speech").toString(), null, null, null,
        null));
    assertThat(speaker.speaking()).isEqualTo(Files.isDirectory(Path.of("/dev/snd")));
    assertThat(speaker.channel()).isEqualTo("speaker");
  }

  @Test
  void missingEspeakFailsTheStartSayingWhatToInstall() {
    LocalSpeaker speaker = new LocalSpeaker(context(new VoiceLocalConfig(null, null, null, temp.resolve("no-espeak").toString(),
        null, null, null)));
    assertThat(speaker.start().toCompletionStage().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .withMessageContaining("espeak-ng");
  }

  private LocalSpeaker started(VoiceLocalConfig config) throws Exception {
    LocalSpeaker speaker = new LocalSpeaker(context(config));
    done(speaker.start());
    return speaker;
  }

  private TestPluginContext context(VoiceLocalConfig config) {
    return new TestPluginContext("voice-local", vertx, config, Clock.systemUTC(), temp.resolve("data"),
        new BrokerSettings("tcp://127.0.0.1:1", Optional.empty(), Optional.empty(), Optional.empty(), false));
  }

  private static <T> T done(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}

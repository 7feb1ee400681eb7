package app.tend.plugins.voice.local;

import app.tend.api.ChannelCapability;
import app.tend.api.PluginContext;
import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own machine as a prompt channel: espeak-ng says each prompt on the default sound device, or
 * renders it to a WAV file in a folder that another player takes from. A file counts as said once its
 * playing time has passed, so the hub paces the exercise as if it were heard. Prompts are spoken one
 * after another, never over each other; the program runs on a worker thread.
 */
@Extension
public final class LocalSpeaker implements PromptChannel {

  private static final Logger log = LoggerFactory.getLogger(LocalSpeaker.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private final PluginContext context;
  private VoiceLocalConfig config;
  private Espeak espeak;
  private boolean speaking;
  private Path folder;
  private Context loop;

  public LocalSpeaker(PluginContext context) {
    this.context = context;
  }

  @Override
  public Future<Void> start() {
    config = context.config(VoiceLocalConfig.class);
    loop = Vertx.currentContext() != null ? Vertx.currentContext() : context.vertx().getOrCreateContext();
    return context.vertx().executeBlocking(() -> {
      Optional<Path> program = Espeak.find(config.espeak());
      if (program.isEmpty()) {
        throw new IllegalStateException("espeak-ng ('" + config.espeak() + "') is not installed or not executable: "
            + "install the Debian package espeak-ng, or set plugins.voice-local.espeak to its path");
      }
      espeak = new Espeak(program.get().toString(), config.voice(), config.wordsPerMinute());
      boolean soundDevice = Files.isDirectory(Path.of("/dev/snd"));
      speaking = switch (config.outputMode()) {
        case SPEAK -> true;
        case FILES -> false;
        case AUTO -> soundDevice;
      };
      if (speaking) {
        log.info("voice-local: speaking prompts on this machine's sound device with {} (voice {}, {} words a minute)",
            program.get(), config.voice(), config.wordsPerMinute());
      } else {
        folder = config.folder().isEmpty() ? context.dataDir().resolve("speech") : Path.of(config.folder());
        Files.createDirectories(folder);
        log.info("voice-local: writing prompts as WAV files to {} with {} ({}), not speaking them", folder,
            program.get(), config.outputMode() == VoiceLocalConfig.Output.FILES ? "output: files"
                : "no sound device in /dev/snd");
      }
      return null;
    });
  }

  @Override
  public String channel() {
    return context.config(VoiceLocalConfig.class).channel();
  }

  @Override
  public Set<ChannelCapability> capabilities() {
    return Set.of(ChannelCapability.VOICE);
  }

  /** True when it speaks, false when it writes files. */
  boolean speaking() {
    return speaking;
  }

  @Override
  public Future<Void> deliver(Prompt prompt) {
    if (speaking) {
      return loop.executeBlocking(() -> {
        espeak.speak(prompt.text());
        return null;
      }, true);
    }
    Path wav = folder.resolve(STAMP.format(context.clock().instant()) + "-" + prompt.person() + "-"
        + prompt.kind().name().toLowerCase(java.util.Locale.ROOT) + (prompt.step() > 0 ? "-" + prompt.step() : "") + ".wav");
    return loop.<Long>executeBlocking(() -> {
      espeak.render(prompt.text(), wav);
      prune();
      return WavFiles.durationMillis(wav);
    }, true).compose(millis -> {
      Promise<Void> played = Promise.promise();
      context.vertx().setTimer(Math.max(1, millis), id -> played.complete());
      return played.future();
    });
  }

  /** Renders a text to a WAV file, as prompts are in file mode; blocking. */
  void render(String text, Path wav) throws IOException, InterruptedException {
    espeak.render(text, wav);
  }

  private void prune() throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(folder)) {
      files = listed.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted().toList();
    }
    for (int i = 0; i < files.size() - config.keepFiles(); i++) {
      Files.deleteIfExists(files.get(i));
    }
  }
}

package app.tend.plugins.voice.local;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The settings of the {@code voice-local} plugin (section {@code plugins.voice-local} of tend.yaml).
 *
 * @param channel the channel name it serves
 * @param output {@code auto} (speak when the machine has a sound device, else write files), {@code speak} or {@code files}
 * @param folder where WAV files go; empty: {@code <dataDir>/plugins/voice-local/speech}
 * @param espeak the espeak-ng program: a name looked up on the PATH, or a path
 * @param voice the espeak-ng voice, e.g. {@code en}, {@code en-us}, {@code de}
 * @param wordsPerMinute the speaking rate, 80 to 450
 * @param keepFiles how many WAV files to keep in the folder (older ones are deleted), 1 to 100000
 */
public record VoiceLocalConfig(String channel, String output, String folder, String espeak, String voice,
    Integer wordsPerMinute, Integer keepFiles) {

  /** Where the speech goes. */
  enum Output { AUTO, SPEAK, FILES }

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9_+-]{1,64}");

  /** Fills in defaults and checks every key. */
  public VoiceLocalConfig {
    channel = ConfigChecks.matches("channel", ConfigChecks.orDefault(channel, "speaker"), NAME,
        "a channel name of letters, digits, _, ., : or -");
    output = ConfigChecks.orDefault(output, "auto").trim().toLowerCase(Locale.ROOT);
    try {
      Output.valueOf(output.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("output", output, "auto, speak or files");
    }
    folder = folder == null ? "" : folder.trim();
    espeak = ConfigChecks.orDefault(espeak, "espeak-ng").trim();
    voice = ConfigChecks.matches("voice", ConfigChecks.orDefault(voice, "en"), VOICE, "an espeak-ng voice such as en or en-us");
    wordsPerMinute = ConfigChecks.intIn("wordsPerMinute", wordsPerMinute, 150, 80, 450);
    keepFiles = ConfigChecks.intIn("keepFiles", keepFiles, 200, 1, 100_000);
  }

  /** Every default. */
  public static VoiceLocalConfig defaults() {
    return new VoiceLocalConfig(null, null, null, null, null, null, null);
  }

  Output outputMode() {
    return Output.valueOf(output.toUpperCase(Locale.ROOT));
  }
}

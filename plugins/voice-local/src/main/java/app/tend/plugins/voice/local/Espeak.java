package app.tend.plugins.voice.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The espeak-ng program: speaks text aloud or renders it to a WAV file. Blocking: call on a worker. */
final class Espeak {

  private static final long TIMEOUT_SECONDS = 120;

  private final String program;
  private final String voice;
  private final int wordsPerMinute;

  Espeak(String program, String voice, int wordsPerMinute) {
    this.program = program;
    this.voice = voice;
    this.wordsPerMinute = wordsPerMinute;
  }

  /** The program's path: as given when it is a path, else looked up on the PATH. */
  static Optional<Path> find(String program) {
    if (program.contains(File.separator)) {
      Path path = Path.of(program);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Says the text on the machine's default sound device; returns when it has been said. */
  void speak(String text) throws IOException, InterruptedException {
    run(command(null, text));
  }

  /** Renders the text to a WAV file. */
  void render(String text, Path wav) throws IOException, InterruptedException {
    run(command(wav, text));
  }

  private List<String> command(Path wav, String text) {
    List<String> command = new ArrayList<>(List.of(program, "-v", voice, "-s", Integer.toString(wordsPerMinute)));
    if (wav != null) {
      command.add("-w");
      command.add(wav.toString());
    }
    // "--" keeps text that starts with a dash from being read as an option.
    command.add("--");
    command.add(text);
    return command;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed with exit code " + process.exitValue() + ": "
          + new String(output, StandardCharsets.UTF_8).trim());
    }
  }
}

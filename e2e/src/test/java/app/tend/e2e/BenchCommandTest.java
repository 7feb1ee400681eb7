package app.tend.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.hub.cli.TendCommand;
import app.tend.testkit.MosquittoBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bench command runs end to end with the built wearable-mqtt jar and prints its figures. It proves the
 * tool works, not how fast anything is: no figure is asserted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BenchCommandTest {

  @TempDir
  Path temp;

  @Test
  void benchThroughMosquittoPrintsEveryFigure() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start(temp.resolve("mosquitto"))) {
      StringWriter out = new StringWriter();
      int code = run(out, "bench", "--plugin", pluginJar().toString(), "--mqtt", broker.url(), "--persons", "20",
          "--rate", "400", "--warmup", "2", "--seconds", "3", "--connections", "2", "--hub-connections", "2");

      assertThat(code).as(out.toString()).isZero();
      assertThat(out.toString()).contains("Tend bench: external " + broker.url(), "load average", "through the hub",
          "backlog (samples)", "lost after drain", "sustained", "publish -> state", "CPU", "heap");
    }
  }

  private static int run(StringWriter out, String... args) {
    CommandLine commandLine = new CommandLine(new TendCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(new StringWriter()));
    return commandLine.execute(args);
  }

  private static Path pluginJar() throws Exception {
    try (Stream<Path> files = Files.list(HubProcess.ROOT.resolve("plugins/wearable-mqtt/target"))) {
      return files.filter(p -> p.getFileName().toString().matches("wearable-mqtt-.*\\.jar")).findFirst().orElseThrow();
    }
  }
}

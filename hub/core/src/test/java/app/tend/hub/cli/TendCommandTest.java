package app.tend.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TendCommandTest {

  @TempDir Path temp;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private PrintStream originalOut;

  @BeforeEach
  void capture() {
    originalErr = System.err;
    originalOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
    System.setOut(originalOut);
  }

  @Test
  void unknownConfigKeyExitsWithCode2AndOneMessageNamingTheKey() throws Exception {
    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, "http:\n  porrt: 1\n");

    int code = TendCommand.execute("--config", config.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("tend: config error: unknown key 'http.porrt' (known keys: host, port)");
  }

  @Test
  void wrongTypeExitsWithCode2AndNamesTheKey() throws Exception {
    Path config = temp.resolve("tend.yaml");
    Files.writeString(config, "mqtt:\n  maxQueueSize: lots\n");

    int code = TendCommand.execute("run", "--config", config.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("mqtt.maxQueueSize: 'lots' is not valid: expected a whole number");
  }

  @Test
  void helpListsTheRunCommand() {
    int code = TendCommand.execute("--help");

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("run").contains("Usage: tend");
  }

  @Test
  void runHelpDescribesTheDemoOption() {
    int code = TendCommand.execute("run", "--help");

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--demo").contains("--config");
  }
}

package app.tend.hub.cli;

import app.tend.hub.config.StressConfig;
import app.tend.hub.recording.RecordingException;
import app.tend.hub.recording.RecordingReader;
import app.tend.hub.replay.EngineSink;
import app.tend.hub.replay.MqttSink;
import app.tend.hub.replay.Progress;
import app.tend.hub.replay.RecordingStream;
import app.tend.hub.replay.Replay;
import app.tend.hub.replay.ReplaySink;
import app.tend.hub.stress.StressModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Replays recordings to a broker in Tend's own format, or straight into the stress engine. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {
        "Replay recordings (CSV or .csv.gz, see docs/recording-format.md) in Tend's own MQTT format to a broker",
        "(--mqtt), or, without --mqtt, straight into the stress engine, printing each state the hub would publish.",
        "The files of a folder play side by side, each from its first row. Progress goes to standard error."})
public final class ReplayCommand implements Callable<Integer> {

  private static final Pattern TOPIC_LEVEL = Pattern.compile("[^/+#]+");

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", description = "A recording, or a folder of recordings.")
  Path path;

  @Option(names = "--speed", paramLabel = "N", defaultValue = "1",
      description = "Pace by the recording's own time: 1 = real time, 10 = ten times faster, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--mqtt", paramLabel = "URL",
      description = "Publish to this broker (tcp://host:port) instead of feeding the stress engine.")
  String mqtt;

  @Option(names = "--username", paramLabel = "NAME",
      description = "User name for the broker (the hub's embedded broker has the user bridge for this).")
  String username;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "A file holding the password, e.g. data/mqtt-users/bridge.")
  Path passwordFile;

  @Option(names = "--qos", defaultValue = "1", description = "QoS of published messages, 0 or 1 (default: ${DEFAULT-VALUE}).")
  int qos;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
      description = "Samples per message: 1 publishes on <prefix>/<person>/<device>/<kind>; more publishes batches on <prefix>/<person>/<device> (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--prefix", defaultValue = "tend/wearable", description = "Topic prefix (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Option(names = "--device", defaultValue = "replay", description = "Device name in the topics (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--now",
      description = "Shift sample times so each file starts now (a live-looking stream; use with --speed 1). Default: times as recorded.")
  boolean now;

  @Option(names = "--json", description = "Without --mqtt: print each state as one JSON object per line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = checkOptions();
    if (problem != null) {
      err.println("tend: replay: " + problem);
      return TendCommand.BAD_INPUT;
    }
    List<Path> files;
    try {
      files = RecordingReader.list(path);
    } catch (IOException e) {
      err.println("tend: replay: cannot read " + path + ": " + e.getMessage());
      return TendCommand.BAD_INPUT;
    }
    if (files.isEmpty()) {
      err.println("tend: replay: " + path + " holds no recordings (*.csv, *.csv.gz)");
      return TendCommand.BAD_INPUT;
    }
    long startMs = System.currentTimeMillis();
    RecordingStream.Times times = now ? (recorded, offset) -> startMs + offset : (recorded, offset) -> recorded;
    Optional<String> password;
    try {
      password = passwordFile == null ? Optional.empty()
          : Optional.of(Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      err.println("tend: replay: cannot read the password file " + passwordFile + ": " + e.getMessage());
      return TendCommand.BAD_INPUT;
    }
    ReplaySink sink;
    try {
      sink = mqtt == null ? new EngineSink(StressConfig.defaults(), StressModel.shipped(), out, json)
          : new MqttSink(new MqttSink.Settings(mqtt, prefix, device, qos, batch, Optional.ofNullable(username),
              password));
    } catch (MqttException e) {
      err.println("tend: replay: cannot connect to " + mqtt + ": " + e.getMessage());
      return 1;
    }
    try {
      Replay.run(files, times, speed, sink, new Progress(err, System.console() != null));
    } catch (RecordingException e) {
      out.flush();
      err.println("tend: replay: " + e.getMessage());
      return TendCommand.BAD_INPUT;
    } catch (MqttException e) {
      err.println("tend: replay: publishing to " + mqtt + " failed: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  private String checkOptions() {
    if (!Files.exists(path)) {
      return path + " does not exist";
    }
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      return "--speed must be 0 (as fast as possible) or more, got " + speed;
    }
    if (qos < 0 || qos > 1) {
      return "--qos must be 0 or 1, got " + qos;
    }
    if (batch < 1 || batch > 10_000) {
      return "--batch must be 1 to 10000, got " + batch;
    }
    if (mqtt != null && !mqtt.matches("(tcp|ssl)://[^/:\\s]+:\\d{1,5}")) {
      return "--mqtt must be tcp://host:port or ssl://host:port, got '" + mqtt + "'";
    }
    if ((username != null || passwordFile != null) && mqtt == null) {
      return "--username and --password-file go with --mqtt";
    }
    if (!TOPIC_LEVEL.matcher(device).matches()) {
      return "--device must be one topic level without /, + or #, got '" + device + "'";
    }
    if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.endsWith("/")) {
      return "--prefix must be a topic without wildcards or a trailing /, got '" + prefix + "'";
    }
    return null;
  }
}

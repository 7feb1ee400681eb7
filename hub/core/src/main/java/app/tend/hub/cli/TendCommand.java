package app.tend.hub.cli;

import app.tend.hub.config.ConfigException;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The hub's command line: {@code run} (the default) and the tools later subcommands add. */
@Command(
    name = "tend",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Tend: a self-hosted wellbeing hub. Without a command, runs the hub.",
    subcommands = {RunCommand.class, EvaluateCommand.class, ReplayCommand.class, BenchCommand.class, CalendarCommand.class})
public final class TendCommand implements Runnable {

  /** Exit code of every command for bad input: a wrong option, a missing or unreadable file, a bad config. */
  static final int BAD_INPUT = ConfigException.EXIT_CODE;

  private static final Set<String> TOP_LEVEL_FLAGS = Set.of("-h", "--help", "-V", "--version");

  @Override
  public void run() {
    // Only reached for "tend" with no arguments, which execute() turns into "tend run".
  }

  /** Runs the command line and returns the exit code. */
  public static int execute(String... args) {
    String[] effective = args;
    boolean startsWithCommand = args.length > 0 && !args[0].startsWith("-");
    if (!startsWithCommand && (args.length == 0 || !TOP_LEVEL_FLAGS.contains(args[0]))) {
      effective = new String[args.length + 1];
      effective[0] = "run";
      System.arraycopy(args, 0, effective, 1, args.length);
    }
    // Descriptions are written as lines of up to 120 characters; picocli's default 80 would break them twice.
    CommandLine commandLine = new CommandLine(new TendCommand()).setUsageHelpWidth(120);
    commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("tend: " + ex.getMessage());
      return 1;
    });
    return commandLine.execute(effective);
  }
}

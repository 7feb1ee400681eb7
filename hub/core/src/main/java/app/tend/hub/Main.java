package app.tend.hub;

import app.tend.hub.cli.TendCommand;
import picocli.CommandLine;

/** {@code java -jar tend-hub.jar [command] [options]}; without a command it runs the hub. */
public final class Main {

  public static void main(String[] args) {
    System.exit(TendCommand.execute(args));
  }

  private Main() {}
}

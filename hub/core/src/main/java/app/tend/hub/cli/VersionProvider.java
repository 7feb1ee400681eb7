package app.tend.hub.cli;

import app.tend.hub.boot.Hub;
import picocli.CommandLine.IVersionProvider;

/** Prints the hub's version. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"tend " + Hub.VERSION};
  }
}

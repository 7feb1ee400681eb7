package app.tend.hub.config;

/** A configuration problem that stops start-up; the message names the key, the value and what was expected. */
public class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Exit code of the hub when its configuration is bad. */
  public static final int EXIT_CODE = 2;

  public ConfigException(String message) {
    super(message);
  }
}

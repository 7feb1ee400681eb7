package app.tend.api;

/**
 * Thrown by a config record's constructor when one of its keys has a bad value.
 *
 * <p>The hub prefixes the key with the path of the record in {@code tend.yaml} and stops start-up
 * with one line: {@code plugins.wearable-mqtt.queueSize: -1 is not valid: expected a number from 1 to 1000000}.
 * {@link ConfigChecks} has helpers for the usual checks.
 */
public class InvalidConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient Object value;
  private final String expected;

  /**
   * @param key the record component's name (the YAML key), e.g. {@code queueSize}
   * @param value the bad value as given
   * @param expected what would have been valid, e.g. "a number from 1 to 1000000"
   */
  public InvalidConfigException(String key, Object value, String expected) {
    super(key + ": " + render(value) + " is not valid: expected " + expected);
    this.key = key;
    this.value = value;
    this.expected = expected;
  }

  /** The key, relative to the record that threw. */
  public String key() {
    return key;
  }

  /** The bad value. */
  public Object value() {
    return value;
  }

  /** What would have been valid. */
  public String expected() {
    return expected;
  }

  /** Renders a value the way it appeared in the file: strings quoted, the rest as is. */
  public static String render(Object value) {
    return value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
  }
}

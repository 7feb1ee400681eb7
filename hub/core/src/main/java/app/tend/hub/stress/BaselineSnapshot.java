package app.tend.hub.stress;

import java.util.Map;

/**
 * A person's baseline as persisted: per feature key ({@code hrZ}, ...) the calm centre and spread in the
 * raw feature's unit, and how many calm seconds it learned from.
 *
 * @param stats by feature key
 */
public record BaselineSnapshot(Map<String, Stat> stats) {

  /** Copies the map. */
  public BaselineSnapshot {
    stats = stats == null ? Map.of() : Map.copyOf(stats);
  }

  /**
   * One feature's baseline.
   *
   * @param center the calm centre
   * @param spread the calm spread (a robust standard deviation)
   * @param count calm seconds learned from
   */
  public record Stat(double center, double spread, long count) {}
}

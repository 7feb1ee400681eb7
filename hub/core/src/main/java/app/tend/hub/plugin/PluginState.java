package app.tend.hub.plugin;

/** A plugin's state as the hub reports it. */
public enum PluginState {
  /** Loaded, not started (yet). */
  CREATED,
  /** Running. */
  STARTED,
  /** Stopped cleanly (shutdown, or disabled at run time). */
  STOPPED,
  /** Failed to load, resolve, start or stop, or threw in a callback; see the cause. */
  FAILED,
  /** Turned off in the configuration ({@code enabled: false}). */
  DISABLED
}

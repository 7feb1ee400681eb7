package app.tend.api;

import java.util.Objects;
import org.pf4j.Plugin;

/**
 * The base class of every Tend plugin: its {@code Plugin-Class}.
 *
 * <p>The hub constructs it with the plugin's {@link PluginContext}, so a subclass needs one public
 * constructor taking a {@code PluginContext}. The work itself happens in the plugin's extensions
 * ({@link SignalSource}, {@link PromptChannel}, {@link RoutineTarget}, {@link ScheduleSource}).
 *
 * <p>A plugin with settings overrides {@link #configType()} with a record; the hub binds the plugin's
 * section of {@code tend.yaml} (the key is the plugin id) to it before anything starts, so a typo or a
 * bad value stops start-up with a message naming the key. Validate in the record's compact constructor
 * by throwing {@link IllegalArgumentException} with a message that says what was expected.
 */
public abstract class TendPlugin extends Plugin {

  private final PluginContext context;

  /** Creates the plugin; the hub passes the plugin's context. */
  protected TendPlugin(PluginContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /** The context the hub gave this plugin. */
  public final PluginContext context() {
    return context;
  }

  /** The record the plugin's config section binds to; {@link NoConfig} by default. */
  public Class<? extends Record> configType() {
    return NoConfig.class;
  }
}

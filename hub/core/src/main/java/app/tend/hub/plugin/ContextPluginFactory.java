package app.tend.hub.plugin;

import app.tend.api.PluginContext;
import app.tend.api.TendPlugin;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Function;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's {@link TendPlugin} with its context. Unlike PF4J's default factory it never
 * returns null: anything wrong is thrown with a message that says what, so the plugin is marked FAILED.
 */
final class ContextPluginFactory implements PluginFactory {

  private final Function<String, PluginContext> contexts;

  ContextPluginFactory(Function<String, PluginContext> contexts) {
    this.contexts = contexts;
  }

  @Override
  public Plugin create(PluginWrapper wrapper) {
    String id = wrapper.getPluginId();
    String className = wrapper.getDescriptor().getPluginClass();
    if (className == null || className.isBlank() || className.equals(Plugin.class.getName())) {
      throw new PluginRuntimeException("plugin {} names no Plugin-Class in its manifest", id);
    }
    Class<?> type;
    try {
      type = wrapper.getPluginClassLoader().loadClass(className);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new PluginRuntimeException(e, "plugin {}: cannot load its Plugin-Class {}", id, className);
    }
    if (!TendPlugin.class.isAssignableFrom(type)) {
      throw new PluginRuntimeException("plugin {}: {} does not extend {}", id, className, TendPlugin.class.getName());
    }
    try {
      Constructor<?> constructor = type.getConstructor(PluginContext.class);
      return (Plugin) constructor.newInstance(contexts.apply(id));
    } catch (NoSuchMethodException e) {
      throw new PluginRuntimeException("plugin {}: {} needs a public constructor taking a PluginContext", id, className);
    } catch (InvocationTargetException e) {
      throw new PluginRuntimeException(e.getCause(), "plugin {}: {} threw in its constructor: {}", id, className, e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new PluginRuntimeException(e, "plugin {}: cannot create {}: {}", id, className, e);
    }
  }
}

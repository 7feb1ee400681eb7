package app.tend.hub.plugin;

import app.tend.api.PluginContext;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates each extension once, with its plugin's context when it has a constructor taking one.
 * Failures are thrown, never logged and turned into null.
 */
final class ContextExtensionFactory implements ExtensionFactory {

  private final PluginManager manager;
  private final Function<String, PluginContext> contexts;
  private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

  ContextExtensionFactory(PluginManager manager, Function<String, PluginContext> contexts) {
    this.manager = manager;
    this.contexts = contexts;
  }

  @Override
  public <T> T create(Class<T> type) {
    return type.cast(instances.computeIfAbsent(type, this::instantiate));
  }

  /** Forgets the instances of a plugin, so a restart creates fresh ones. */
  void forget(ClassLoader loader) {
    instances.keySet().removeIf(type -> type.getClassLoader() == loader);
  }

  private Object instantiate(Class<?> type) {
    PluginWrapper wrapper = manager.whichPlugin(type);
    String owner = wrapper == null ? "the hub" : "plugin " + wrapper.getPluginId();
    try {
      if (wrapper != null) {
        try {
          return type.getConstructor(PluginContext.class).newInstance(contexts.apply(wrapper.getPluginId()));
        } catch (NoSuchMethodException e) {
          // falls through to the no-argument constructor
        }
      }
      return type.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new PluginRuntimeException("{}: extension {} needs a public constructor taking a PluginContext, or none",
          owner, type.getName());
    } catch (InvocationTargetException e) {
      throw new PluginRuntimeException(e.getCause(), "{}: extension {} threw in its constructor: {}",
          owner, type.getName(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new PluginRuntimeException(e, "{}: cannot create extension {}: {}", owner, type.getName(), e);
    }
  }
}

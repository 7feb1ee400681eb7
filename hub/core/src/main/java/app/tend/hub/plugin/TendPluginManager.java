package app.tend.hub.plugin;

import app.tend.api.PluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.RuntimeMode;

/**
 * PF4J configured for Tend: jars from the plugin folder, metadata from the manifest only, plugins and
 * extensions created with their context, and a plugin with a missing dependency skipped on its own.
 */
final class TendPluginManager extends DefaultPluginManager {

  // Read lazily: the super constructor creates the factories before these fields are set.
  private final Set<String> disabled;
  private final Function<String, PluginContext> contexts;

  TendPluginManager(Path folder, Set<String> disabled, Function<String, PluginContext> contexts, String hubVersion) {
    super(List.of(folder));
    this.disabled = Set.copyOf(disabled);
    this.contexts = contexts;
    setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    setSystemVersion(hubVersion);
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginRepository createPluginRepository() {
    return new PluginFolderRepository(getPluginsRoots().get(0));
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new JarPluginLoader(this);
  }

  @Override
  protected PluginDescriptorFinder createPluginDescriptorFinder() {
    return new CompoundPluginDescriptorFinder().add(new ManifestPluginDescriptorFinder());
  }

  @Override
  protected PluginFactory createPluginFactory() {
    return new ContextPluginFactory(id -> contexts.apply(id));
  }

  @Override
  protected ExtensionFactory createExtensionFactory() {
    return new ContextExtensionFactory(this, id -> contexts.apply(id));
  }

  @Override
  protected PluginStatusProvider createPluginStatusProvider() {
    return new PluginStatusProvider() {
      @Override
      public boolean isPluginDisabled(String pluginId) {
        return disabled.contains(pluginId);
      }

      @Override
      public void disablePlugin(String pluginId) {}

      @Override
      public void enablePlugin(String pluginId) {}
    };
  }

  ContextExtensionFactory contextExtensionFactory() {
    return (ContextExtensionFactory) extensionFactory;
  }

  /** The descriptor finder, for reading manifests of plugins PF4J could not load. */
  PluginDescriptorFinder descriptorFinder() {
    return getPluginDescriptorFinder();
  }

  /** The repository, for listing every candidate path. */
  PluginRepository repository() {
    return pluginRepository;
  }
}

package app.tend.hub.boot;

import app.tend.testkit.PluginJarBuilder;
import java.nio.file.Path;

/**
 * A minimal test plugin that subscribes to {@code test/<person>} on the hub's broker with Paho and
 * publishes each numeric payload as a heart-rate sample: proof that MQTT reaches the hub's bus.
 */
final class MqttBridgePlugin {

  static Path build(Path folder) {
    String pkg = "test.bridge";
    return PluginJarBuilder.plugin("mqtt-bridge")
        .pluginClass(pkg + ".ThePlugin")
        .source(pkg + ".ThePlugin", """
            package test.bridge;
            public class ThePlugin extends app.tend.api.TendPlugin {
              public ThePlugin(app.tend.api.PluginContext context) { super(context); }
            }
            """)
        .source(pkg + ".Bridge", """
            package test.bridge;
            import app.tend.api.*;
            import app.tend.api.message.*;
            import io.vertx.core.Future;
            import org.eclipse.paho.mqttv5.client.*;
            import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
            @org.pf4j.Extension
            public class Bridge implements SignalSource {
              private final PluginContext context;
              private MqttClient client;
              public Bridge(PluginContext context) { this.context = context; }
              @Override public Future<Void> start() {
                return context.vertx().executeBlocking(() -> {
                  client = new MqttClient(context.broker().url(), "bridge-" + System.nanoTime(), new MemoryPersistence());
                  MqttConnectionOptions options = new MqttConnectionOptions();
                  options.setAutomaticReconnect(true);
                  context.broker().username().ifPresent(options::setUserName);
                  context.broker().password().ifPresent(p -> options.setPassword(p.getBytes()));
                  client.connect(options);
                  // Paho 1.2.5's subscribe(String, int, listener) recurses forever; the array form works.
                  IMqttMessageListener listener = (topic, message) -> {
                    String person = topic.substring("test/".length());
                    double value = Double.parseDouble(new String(message.getPayload()));
                    context.vertx().runOnContext(v -> context.publish(Addresses.SAMPLES,
                        new Sample(person, "bridge", SignalKind.HR, context.clock().instant(), value)));
                  };
                  client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                      new org.eclipse.paho.mqttv5.common.MqttSubscription("test/+", 1)},
                      new IMqttMessageListener[] {listener});
                  return null;
                });
              }
              @Override public Future<Void> stop() {
                return context.vertx().executeBlocking(() -> {
                  if (client != null && client.isConnected()) { client.disconnect(); }
                  if (client != null) { client.close(); }
                  return null;
                });
              }
            }
            """)
        .buildInto(folder);
  }

  private MqttBridgePlugin() {}
}

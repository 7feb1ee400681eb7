package app.tend.plugins.wearable.mqtt;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.message.SampleBatch;
import app.tend.testkit.TestPluginContext;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The plugin alone in a JVM, for {@link PluginKillTest} to kill: {@code PluginProcess <broker url> <data folder>}.
 * Says {@code @@ READY} once subscribed and {@code @@ SAMPLE <time>} for each sample it published.
 */
public final class PluginProcess {

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    TestPluginContext context = new TestPluginContext("wearable-mqtt", vertx, WearableMqttConfig.defaults(),
        Clock.systemUTC(), Path.of(args[1]),
        new BrokerSettings(args[0], Optional.empty(), Optional.empty(), Optional.empty(), false));
    vertx.eventBus().<SampleBatch>consumer(Addresses.SAMPLE_BATCHES.name(), message -> message.body().samples()
        .forEach(sample -> System.out.println("@@ SAMPLE " + sample.time().toEpochMilli())));
    WearableMqttSource source = new WearableMqttSource(context);
    source.start().compose(started -> source.subscribed()).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    System.out.println("@@ READY");
    Thread.sleep(Long.MAX_VALUE); // until killed
  }

  private PluginProcess() {}
}

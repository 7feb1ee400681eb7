package app.tend.hub.api;

import app.tend.api.BrokerSettings;
import app.tend.hub.http.Responses;
import app.tend.hub.plugin.PluginRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /api/status}: the hub, its broker and its plugins at a glance. */
public final class StatusResource implements ApiResource {

  private final String version;
  private final Clock clock;
  private final Instant startedAt;
  private final BrokerSettings broker;
  private final BooleanSupplier brokerUp;
  private final BooleanSupplier storeWritable;
  private final PluginRuntime plugins;

  public StatusResource(String version, Clock clock, BrokerSettings broker, BooleanSupplier brokerUp,
      BooleanSupplier storeWritable, PluginRuntime plugins) {
    this.version = version;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.broker = broker;
    this.brokerUp = brokerUp;
    this.storeWritable = storeWritable;
    this.plugins = plugins;
  }

  @Override
  public void bind(Operations operations) {
    operations.route("getStatus").addHandler(ctx -> {
      boolean up = brokerUp.getAsBoolean();
      Map<String, Object> brokerInfo = new LinkedHashMap<>();
      brokerInfo.put("url", broker.url());
      brokerInfo.put("embedded", broker.embedded());
      brokerInfo.put("up", up);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("version", version);
      body.put("ready", up && storeWritable.getAsBoolean() && !plugins.requiredPluginDown());
      body.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
      body.put("broker", brokerInfo);
      body.put("plugins", plugins.plugins());
      Responses.json(ctx, 200, body);
    });
  }
}

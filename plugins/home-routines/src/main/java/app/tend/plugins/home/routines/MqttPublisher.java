package app.tend.plugins.home.routines;

import app.tend.api.BrokerSettings;
import app.tend.api.BrokerTls;
import app.tend.api.Secret;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mqtt} target's connection (Eclipse Paho, MQTT v5, asynchronous client): connects in the
 * background and keeps trying with backoff until the broker is there (Paho itself reconnects only after a
 * first success), then reconnects on its own. A publish while disconnected fails at once, so the routine
 * engine can retry it.
 */
final class MqttPublisher {

  private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);
  private static final int MAX_BACKOFF_SECONDS = 30;

  private final Vertx vertx;
  private final Context context;
  private final BrokerSettings broker;
  private final Optional<Secret> password;
  private final String clientId;
  private volatile MqttAsyncClient client;
  private volatile boolean closed;
  private int failures;
  private long retryTimer = -1;

  MqttPublisher(Context context, BrokerSettings broker, Optional<Secret> password, String clientId) {
    this.vertx = context.owner();
    this.context = context;
    this.broker = broker;
    this.password = password;
    this.clientId = clientId;
  }

  /** Creates the client and starts connecting; completes without waiting for the broker. */
  Future<Void> start() {
    return vertx.executeBlocking(() -> {
      client = new MqttAsyncClient(broker.clientUrl(), clientId, new MemoryPersistence());
      connect();
      return null;
    });
  }

  /** The broker's URL, for outcomes. */
  String url() {
    return broker.clientUrl();
  }

  /** Publishes one message; completes when the broker has it (QoS 1 and 2) or it is sent (QoS 0). */
  Future<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
    MqttAsyncClient c = client;
    if (c == null || !c.isConnected()) {
      return Future.failedFuture("not connected to the MQTT broker " + broker.clientUrl());
    }
    Promise<Void> done = Promise.promise();
    MqttMessage message = new MqttMessage(payload, qos, retain, null);
    try {
      c.publish(topic, message, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          done.tryComplete();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          done.tryFail(failure);
        }
      });
    } catch (MqttException | RuntimeException e) {
      done.tryFail(e);
    }
    return done.future();
  }

  /** Disconnects and closes the client. */
  Future<Void> stop() {
    closed = true;
    context.runOnContext(ignored -> {
      if (retryTimer >= 0) {
        vertx.cancelTimer(retryTimer);
      }
    });
    MqttAsyncClient c = client;
    client = null;
    if (c == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      try {
        if (c.isConnected()) {
          c.disconnect(2_000).waitForCompletion(4_000);
        }
      } catch (MqttException e) {
        log.debug("MQTT disconnect of {}: {}", clientId, e.getMessage());
      }
      c.close(true);
      return null;
    });
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, MAX_BACKOFF_SECONDS);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    broker.username().ifPresent(options::setUserName);
    password.ifPresent(p -> options.setPassword(p.reveal().getBytes(StandardCharsets.UTF_8)));
    if (broker.tls()) {
      options.setSocketFactory(BrokerTls.socketFactory(broker));
    }
    return options;
  }

  private void connect() {
    MqttAsyncClient c = client;
    if (c == null || closed) {
      return;
    }
    try {
      c.connect(options(), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          log.info("Routine target mqtt connected to {}", broker.clientUrl());
        }

        @Override
        public void onFailure(IMqttToken token, Throwable failure) {
          retryLater(failure);
        }
      });
    } catch (MqttException | RuntimeException e) {
      retryLater(e);
    }
  }

  private void retryLater(Throwable failure) {
    if (closed) {
      return;
    }
    int attempt;
    synchronized (this) {
      attempt = failures++;
    }
    long delaySeconds = Math.min(MAX_BACKOFF_SECONDS, 1L << Math.min(attempt, 5));
    if (attempt == 0) {
      log.warn("Routine target mqtt: broker {} not reachable yet ({}); trying again with backoff", broker.clientUrl(),
          failure.getMessage());
    }
    context.runOnContext(ignored -> {
      if (!closed) {
        retryTimer = vertx.setTimer(delaySeconds * 1000, id -> vertx.executeBlocking(() -> {
          connect();
          return null;
        }));
      }
    });
  }
}

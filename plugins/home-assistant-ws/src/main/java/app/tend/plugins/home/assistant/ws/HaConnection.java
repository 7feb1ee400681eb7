package app.tend.plugins.home.assistant.ws;

import app.tend.api.Secret;
import app.tend.plugins.home.assistant.ws.HomeAssistantWsConfig.Endpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's one connection to Home Assistant's WebSocket API ({@code /api/websocket}).
 *
 * <p>Authentication phase: Home Assistant sends {@code auth_required}, the connection answers
 * {@code {"type": "auth", "access_token": …}}, Home Assistant says {@code auth_ok} or {@code auth_invalid}. Then every
 * command carries an {@code id} that increases on each connection (Home Assistant refuses a repeated one with
 * {@code id_reuse}); its {@code result} carries the same id, and so does every {@code event} of a subscription.
 *
 * <p>A lost connection is tried again after a wait that doubles from {@code reconnectMinSeconds} to
 * {@code reconnectMaxSeconds}; subscriptions are made again on every new connection (Home Assistant forgets them
 * when it restarts). A refused token is not tried again: Home Assistant bans an address after repeated failed
 * logins; nor is an address that answers 404 (Home Assistant always serves its API there). Each distinct problem is logged once, never the token. A ping every {@code pingSeconds} finds a
 * connection that died without closing.
 *
 * <p>Not thread-safe: every method runs on the plugin's event loop, where {@link #start()} was called (so the
 * socket's and the timers' handlers run there too).
 */
final class HaConnection {

  /** Where the connection is in its life. */
  enum Status { IDLE, CONNECTING, AUTHENTICATING, READY, WAITING, REFUSED, STOPPED }

  /** A command Home Assistant answered with {@code "success": false}. */
  static final class CommandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    CommandFailed(String code, String message) {
      super("Home Assistant answered " + code + ": " + message);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /** The command could not be sent or answered: not connected, or the connection closed before the result. */
  static final class NotConnected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotConnected(String message) {
      super(message);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(HaConnection.class);
  // get_states of a large home is several megabytes, in one frame.
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private record Pending(Promise<JsonNode> promise, long timer) {}

  /** A subscription kept across connections. */
  private record Sub(ObjectNode command, String what, Handler<JsonNode> onEvent) {}

  private final Vertx vertx;
  private final Endpoint endpoint;
  private final Secret token;
  private final HomeAssistantWsConfig config;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Long, Pending> pending = new HashMap<>();
  private final Map<Long, Sub> live = new HashMap<>();
  private final List<Sub> subscriptions = new ArrayList<>();
  private final List<Runnable> readyListeners = new ArrayList<>();
  private final List<Handler<Throwable>> lostListeners = new ArrayList<>();
  private final Map<Promise<Void>, Long> waiters = new LinkedHashMap<>();
  private WebSocketClient client;
  private WebSocket socket;
  private Status status = Status.IDLE;
  private long lastId;
  private long backoffMillis;
  private long reconnectTimer = -1;
  private long pingTimer = -1;
  private long authTimer = -1;
  private boolean awaitingPong;
  private String problem = "";
  private String haVersion = "";
  private int attempts;

  HaConnection(Vertx vertx, HomeAssistantWsConfig config, Secret token) {
    this.vertx = vertx;
    this.config = config;
    this.endpoint = config.endpoint();
    this.token = token;
  }

  /** Starts connecting; returns at once. */
  void start() {
    WebSocketClientOptions options = new WebSocketClientOptions()
        .setMaxFrameSize(MAX_MESSAGE_BYTES)
        .setMaxMessageSize(MAX_MESSAGE_BYTES)
        .setConnectTimeout(config.commandTimeoutSeconds() * 1000)
        .setVerifyHost(true);
    if (endpoint.ssl() && !config.caFile().isEmpty()) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(config.caFile()));
    }
    client = vertx.createWebSocketClient(options);
    backoffMillis = config.reconnectMinSeconds() * 1000L;
    connect();
  }

  /** Closes the connection for good. */
  Future<Void> stop() {
    status = Status.STOPPED;
    cancelTimers();
    failAll(new NotConnected("the plugin is stopping"));
    for (Promise<Void> waiter : List.copyOf(waiters.keySet())) {
      failWaiter(waiter, new NotConnected("the plugin is stopping"));
    }
    WebSocket s = socket;
    socket = null;
    Future<Void> closed = s == null ? Future.succeededFuture() : s.close().recover(e -> Future.succeededFuture());
    return closed.eventually(() -> client == null ? Future.succeededFuture() : client.close());
  }

  Status status() {
    return status;
  }

  /** How many times it tried to connect, for tests and diagnostics. */
  int attempts() {
    return attempts;
  }

  /** Home Assistant's version as it said in {@code auth_ok}, or empty before that. */
  String haVersion() {
    return haVersion;
  }

  /** Runs {@code listener} on every new authenticated connection (after its subscriptions were sent). */
  void onReady(Runnable listener) {
    readyListeners.add(listener);
  }

  /** Runs {@code listener} when an authenticated connection closed, with the cause its commands failed with. */
  void onLost(Handler<Throwable> listener) {
    lostListeners.add(listener);
  }

  /**
   * Completes when the connection is authenticated, at once if it is; fails after {@code maxMillis}, or at once when
   * the token was refused or the plugin stops.
   */
  Future<Void> whenReady(long maxMillis) {
    if (status == Status.READY) {
      return Future.succeededFuture();
    }
    if (status == Status.REFUSED || status == Status.STOPPED || maxMillis <= 0) {
      return Future.failedFuture(notConnected());
    }
    Promise<Void> waiter = Promise.promise();
    long timer = vertx.setTimer(maxMillis, t -> failWaiter(waiter, notConnected()));
    waiters.put(waiter, timer);
    return waiter.future();
  }

  /** Sends a command with the usual timeout; completes with its {@code result}. */
  Future<JsonNode> call(ObjectNode command) {
    return call(command, config.commandTimeoutSeconds() * 1000L);
  }

  /**
   * Sends a command; completes with its {@code result} (may be JSON null), fails with {@link CommandFailed} when
   * Home Assistant says {@code "success": false}, with {@link NotConnected} when not connected or the connection
   * closes first, or when no result came within {@code timeoutMillis}.
   */
  Future<JsonNode> call(ObjectNode command, long timeoutMillis) {
    if (status != Status.READY || socket == null) {
      return Future.failedFuture(notConnected());
    }
    long id = ++lastId;
    ObjectNode message = json.createObjectNode().put("id", id);
    message.setAll(command);
    Promise<JsonNode> promise = Promise.promise();
    String type = command.path("type").asText();
    long timer = vertx.setTimer(timeoutMillis, t -> {
      Pending expired = pending.remove(id);
      if (expired != null) {
        expired.promise().tryFail(new NotConnected("no result from Home Assistant for " + type + " within "
            + timeoutMillis / 1000 + " s"));
      }
    });
    pending.put(id, new Pending(promise, timer));
    send(message).onFailure(e -> {
      Pending unsent = pending.remove(id);
      if (unsent != null) {
        vertx.cancelTimer(unsent.timer());
        unsent.promise().tryFail(new NotConnected("could not send " + type + " to Home Assistant: " + e.getMessage()));
      }
    });
    return promise.future();
  }

  /**
   * Subscribes ({@code subscribe_events} or {@code subscribe_trigger}) now when connected and again on every new
   * connection; {@code onEvent} gets each event's {@code event} object.
   *
   * @param what a few words for the log, e.g. "notification actions"
   */
  void subscribe(ObjectNode command, String what, Handler<JsonNode> onEvent) {
    Sub sub = new Sub(command.deepCopy(), what, onEvent);
    subscriptions.add(sub);
    if (status == Status.READY) {
      send(sub);
    }
  }

  // ---- connecting -----------------------------------------------------------------------------

  private void connect() {
    reconnectTimer = -1;
    if (status == Status.STOPPED || status == Status.REFUSED) {
      return;
    }
    status = Status.CONNECTING;
    attempts++;
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.ssl())
        .setURI(endpoint.path());
    client.connect(options).onComplete(done -> {
      if (status == Status.STOPPED) {
        if (done.succeeded()) {
          done.result().close();
        }
        return;
      }
      if (done.failed() && done.cause() instanceof UpgradeRejectedException rejected && rejected.getStatus() == 404) {
        // Home Assistant always serves /api/websocket (a proxy in front of a restarting one says 502): a wrong url.
        status = Status.REFUSED;
        problem = "not Home Assistant's address";
        log.error("home-assistant-ws: {} answered HTTP 404 instead of opening a WebSocket: it is not Home Assistant's "
            + "WebSocket API; not trying again. Set url to Home Assistant's address, e.g. http://homeassistant.local:8123",
            endpoint);
        failWaiters();
      } else if (done.failed()) {
        problem(describe(done.cause()));
        waitAndConnect();
      } else {
        opened(done.result());
      }
    });
  }

  private void opened(WebSocket ws) {
    socket = ws;
    lastId = 0;
    status = Status.AUTHENTICATING;
    ws.textMessageHandler(text -> onText(ws, text));
    ws.closeHandler(ignored -> closed(ws));
    ws.exceptionHandler(e -> log.debug("home-assistant-ws: connection error: {}", e.toString()));
    authTimer = vertx.setTimer(config.commandTimeoutSeconds() * 1000L, t -> {
      authTimer = -1;
      if (socket == ws && status == Status.AUTHENTICATING) {
        problem(endpoint + " did not finish the authentication phase within " + config.commandTimeoutSeconds()
            + " s: is it Home Assistant's WebSocket API?");
        ws.close();
      }
    });
  }

  private void closed(WebSocket ws) {
    if (ws != socket) {
      return;
    }
    socket = null;
    Status was = status;
    if (was != Status.STOPPED && was != Status.REFUSED) {
      // Before anything hears of it: what failed can tell it was the connection.
      status = Status.WAITING;
    }
    cancelTimers();
    NotConnected cause = new NotConnected("the connection to Home Assistant at " + endpoint + " closed");
    failAll(cause);
    live.clear();
    if (was == Status.READY) {
      for (Handler<Throwable> listener : List.copyOf(lostListeners)) {
        listener.handle(cause);
      }
    }
    if (was == Status.STOPPED || was == Status.REFUSED) {
      return;
    }
    problem(was == Status.READY
        ? "the connection to Home Assistant at " + endpoint + " closed (Home Assistant restarting?)"
        : endpoint + " closed the connection during the authentication phase");
    waitAndConnect();
  }

  private void waitAndConnect() {
    status = Status.WAITING;
    long delay = backoffMillis;
    backoffMillis = Math.min(backoffMillis * 2, config.reconnectMaxSeconds() * 1000L);
    reconnectTimer = vertx.setTimer(delay, t -> connect());
  }

  private void ready(JsonNode authOk) {
    if (authTimer >= 0) {
      vertx.cancelTimer(authTimer);
      authTimer = -1;
    }
    status = Status.READY;
    backoffMillis = config.reconnectMinSeconds() * 1000L;
    haVersion = authOk.path("ha_version").asText("");
    log.info("home-assistant-ws: connected to Home Assistant {} at {}", haVersion.isEmpty() ? "(version unknown)"
        : haVersion, endpoint);
    problem = "";
    for (Sub sub : List.copyOf(subscriptions)) {
      send(sub);
    }
    pingTimer = vertx.setPeriodic(config.pingSeconds() * 1000L, t -> ping());
    for (Promise<Void> waiter : List.copyOf(waiters.keySet())) {
      Long timer = waiters.remove(waiter);
      vertx.cancelTimer(timer);
      waiter.tryComplete();
    }
    for (Runnable listener : List.copyOf(readyListeners)) {
      listener.run();
    }
  }

  private void refused(JsonNode authInvalid) {
    status = Status.REFUSED;
    cancelTimers();
    problem = "token refused";
    log.error("home-assistant-ws: Home Assistant at {} refused the access token ({}); not trying again. Create a "
        + "long-lived access token (your Home Assistant profile, Security), put it where tokenEnv or tokenFile "
        + "points and restart the plugin", endpoint, authInvalid.path("message").asText("auth_invalid"));
    failWaiters();
    WebSocket s = socket;
    socket = null;
    if (s != null) {
      s.close();
    }
  }

  private void ping() {
    if (status != Status.READY || socket == null) {
      return;
    }
    if (awaitingPong) {
      problem("Home Assistant at " + endpoint + " did not answer a ping within " + config.pingSeconds() + " s");
      socket.close();
      return;
    }
    awaitingPong = true;
    send(json.createObjectNode().put("id", ++lastId).put("type", "ping"));
  }

  // ---- messages -------------------------------------------------------------------------------

  private void onText(WebSocket ws, String text) {
    if (ws != socket) {
      return;
    }
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (IOException e) {
      log.warn("home-assistant-ws: Home Assistant sent something that is not JSON ({}); ignored", e.getMessage());
      return;
    }
    // With coalesce_messages Home Assistant sends arrays; Tend does not ask for it, but takes them.
    if (root != null && root.isArray()) {
      root.forEach(this::onMessage);
    } else if (root != null) {
      onMessage(root);
    }
  }

  private void onMessage(JsonNode message) {
    String type = message.path("type").asText("");
    switch (type) {
      case "auth_required" -> {
        if (status == Status.AUTHENTICATING) {
          send(json.createObjectNode().put("type", "auth").put("access_token", token.reveal()));
        }
      }
      case "auth_ok" -> {
        if (status == Status.AUTHENTICATING) {
          ready(message);
        }
      }
      case "auth_invalid" -> refused(message);
      case "result" -> result(message);
      case "event" -> {
        Sub sub = live.get(message.path("id").asLong(-1));
        if (sub != null) {
          sub.onEvent().handle(message.path("event"));
        }
      }
      case "pong" -> awaitingPong = false;
      default -> log.debug("home-assistant-ws: ignored a message of type '{}'", type);
    }
  }

  private void result(JsonNode message) {
    Pending done = pending.remove(message.path("id").asLong(-1));
    if (done == null) {
      return;
    }
    vertx.cancelTimer(done.timer());
    if (message.path("success").asBoolean(false)) {
      done.promise().tryComplete(message.path("result"));
    } else {
      JsonNode error = message.path("error");
      done.promise().tryFail(new CommandFailed(error.path("code").asText("unknown_error"),
          error.path("message").asText("")));
    }
  }

  private void send(Sub sub) {
    long id = ++lastId;
    ObjectNode message = json.createObjectNode().put("id", id);
    message.setAll(sub.command());
    live.put(id, sub);
    Promise<JsonNode> promise = Promise.promise();
    long timer = vertx.setTimer(config.commandTimeoutSeconds() * 1000L, t -> {
      Pending expired = pending.remove(id);
      if (expired != null) {
        expired.promise().tryFail(new NotConnected("no result within " + config.commandTimeoutSeconds() + " s"));
      }
    });
    pending.put(id, new Pending(promise, timer));
    promise.future().onFailure(e -> {
      live.remove(id, sub);
      if (!(e instanceof NotConnected) || status == Status.READY) {
        log.warn("home-assistant-ws: Home Assistant refused the subscription to {}: {}{}", sub.what(), e.getMessage(),
            e instanceof CommandFailed f && f.code().equals("unauthorized")
                ? " (the token must be an administrator's)" : "");
      }
    });
    send(message);
  }

  private Future<Void> send(ObjectNode message) {
    WebSocket s = socket;
    if (s == null) {
      return Future.failedFuture(notConnected());
    }
    try {
      return s.writeTextMessage(json.writeValueAsString(message));
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private NotConnected notConnected() {
    String why = switch (status) {
      case REFUSED -> ": " + (problem.equals("token refused") ? "it refused the access token" : problem);
      case STOPPED -> ": the plugin stopped";
      default -> problem.isEmpty() ? "" : ": " + problem;
    };
    return new NotConnected("not connected to Home Assistant at " + endpoint + why);
  }

  /** Logs a problem once; the same problem again (each retry) only at debug level. */
  private void problem(String what) {
    if (what.equals(problem)) {
      log.debug("home-assistant-ws: {} (again)", what);
      return;
    }
    problem = what;
    log.warn("home-assistant-ws: {}; trying again, waiting {} s at first and up to {} s", what,
        config.reconnectMinSeconds(), config.reconnectMaxSeconds());
  }

  private String describe(Throwable cause) {
    if (cause instanceof UpgradeRejectedException rejected) {
      return endpoint + " answered HTTP " + rejected.getStatus() + " instead of opening a WebSocket";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof UnknownHostException) {
      return "cannot resolve the host of " + endpoint + " (" + endpoint.host() + ")";
    }
    if (root instanceof SSLException || cause instanceof SSLException) {
      return "the TLS handshake with " + endpoint + " failed (" + root.getMessage() + ")"
          + (config.caFile().isEmpty() ? "; for a self-signed certificate set caFile" : "");
    }
    if (root instanceof ConnectException || cause instanceof ConnectException) {
      return "cannot reach Home Assistant at " + endpoint + " (" + cause.getMessage() + ")";
    }
    return "cannot connect to Home Assistant at " + endpoint + " (" + cause + ")";
  }

  private void failAll(RuntimeException cause) {
    for (Pending p : List.copyOf(pending.values())) {
      vertx.cancelTimer(p.timer());
      p.promise().tryFail(cause);
    }
    pending.clear();
  }

  private void failWaiters() {
    for (Promise<Void> waiter : List.copyOf(waiters.keySet())) {
      failWaiter(waiter, notConnected());
    }
  }

  private void failWaiter(Promise<Void> waiter, RuntimeException cause) {
    Long timer = waiters.remove(waiter);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    waiter.tryFail(cause);
  }

  private void cancelTimers() {
    for (long timer : new long[] {reconnectTimer, pingTimer, authTimer}) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
    reconnectTimer = -1;
    pingTimer = -1;
    authTimer = -1;
    awaitingPong = false;
  }
}

package app.tend.plugins.home.assistant.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.JksOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A Home Assistant stand-in that speaks the WebSocket API as documented (developers.home-assistant.io, "WebSocket
 * API") and as Home Assistant's {@code websocket_api} checks it: {@code auth_required} on connect, then exactly
 * {@code {"type": "auth", "access_token": …}}, {@code auth_ok} or {@code auth_invalid} (and the connection closed);
 * in the command phase every message an object with an integer {@code id} larger than the last and a {@code type},
 * each command's keys checked against its schema (extra keys refused with {@code invalid_format}, as voluptuous
 * does), {@code result} messages with the command's id, events of a subscription with the subscription's id.
 *
 * <p>Services it knows, with their documented fields: {@code tts.speak} (target a {@code tts.} entity;
 * {@code media_player_entity_id}, {@code message}, {@code cache}, {@code language}, {@code options}),
 * Triggers: {@code state} (entity ids) and {@code conversation} (sentences without punctuation, matched with
 * Assist's template syntax by {@link #say}). {@code config/entity_registry/get} for a satellite's device.
 * {@code assist_satellite.announce} (target an {@code assist_satellite.} entity; {@code message} or
 * {@code media_id}, {@code preannounce}, {@code preannounce_media_id}) and {@code notify.mobile_app_*}
 * ({@code message}, {@code title}, {@code data}). Everything Tend sends that breaks these rules is kept in
 * {@link #violations()}; tests check it is empty.
 */
final class FakeHomeAssistant implements AutoCloseable {

  static final String VERSION = "2025.6.0";
  private static final Pattern ENTITY = Pattern.compile("[a-z0-9_]+\\.[a-z0-9_]+");
  private static final Map<String, Set<String>> COMMAND_KEYS = Map.of(
      "subscribe_events", Set.of("id", "type", "event_type"),
      "subscribe_trigger", Set.of("id", "type", "trigger", "variables"),
      "unsubscribe_events", Set.of("id", "type", "subscription"),
      "call_service", Set.of("id", "type", "domain", "service", "service_data", "target", "return_response"),
      "get_states", Set.of("id", "type"),
      "config/entity_registry/get", Set.of("id", "type", "entity_id"),
      "ping", Set.of("id", "type"));

  private final Vertx vertx = Vertx.vertx();
  // Connections, subscriptions and states all live on this one event loop.
  private final Context loop = vertx.getOrCreateContext();
  private final ObjectMapper json = new ObjectMapper();
  private final String token;
  private final int port;
  private final JksOptions tls;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final BlockingQueue<JsonNode> calls = new LinkedBlockingQueue<>();
  private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger authenticated = new AtomicInteger();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final Map<String, String> states = new HashMap<>();
  private final Map<String, String> devices = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile HttpServer server;

  /** One client connection. */
  private final class Session {
    final ServerWebSocket ws;
    boolean authenticated;
    long lastId;
    final Map<Long, String> events = new HashMap<>();
    final Map<Long, List<String>> stateTriggers = new HashMap<>();
    final Map<Long, List<String>> sentenceTriggers = new HashMap<>();

    Session(ServerWebSocket ws) {
      this.ws = ws;
    }
  }

  private FakeHomeAssistant(String token, int port, JksOptions tls) {
    this.token = token;
    this.port = port;
    this.tls = tls;
  }

  /** Starts listening on {@code port} for plain WebSockets. */
  static FakeHomeAssistant start(String token, int port) throws Exception {
    FakeHomeAssistant ha = new FakeHomeAssistant(token, port, null);
    ha.up();
    return ha;
  }

  /** Starts listening on {@code port} over TLS with the key and certificate in {@code keyStore}. */
  static FakeHomeAssistant startTls(String token, int port, JksOptions keyStore) throws Exception {
    FakeHomeAssistant ha = new FakeHomeAssistant(token, port, keyStore);
    ha.up();
    return ha;
  }

  /** Listens (again, after {@link #down()}). */
  void up() throws Exception {
    HttpServerOptions options = new HttpServerOptions().setPort(port).setHost("127.0.0.1");
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(tls);
    }
    CompletableFuture<HttpServer> listening = new CompletableFuture<>();
    loop.runOnContext(ignored -> vertx.createHttpServer(options)
        .webSocketHandshakeHandler(handshake -> {
          if (handshake.path().equals("/api/websocket")) {
            handshake.accept();
          } else {
            handshake.reject(404);
          }
        })
        .webSocketHandler(this::opened)
        .requestHandler(request -> request.response().setStatusCode(404).end("404: Not Found"))
        .listen()
        .onComplete(done -> {
          if (done.succeeded()) {
            listening.complete(done.result());
          } else {
            listening.completeExceptionally(done.cause());
          }
        }));
    server = listening.get(10, TimeUnit.SECONDS);
  }

  /** Goes away as Home Assistant does when it restarts: every connection closed, nothing listening. */
  void down() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    loop.runOnContext(ignored -> {
      for (Session s : sessions) {
        s.ws.close();
      }
      sessions.clear();
      closed.complete(null);
    });
    closed.get(10, TimeUnit.SECONDS);
    HttpServer s = server;
    server = null;
    if (s != null) {
      s.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    down();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  int connections() {
    return connections.get();
  }

  int authenticated() {
    return authenticated.get();
  }

  /** Every command received after authentication, in order, on every connection. */
  List<JsonNode> commands() {
    return List.copyOf(commands);
  }

  /** The next {@code call_service} message, waiting up to ten seconds; fails when none came. */
  JsonNode nextCall() throws InterruptedException {
    JsonNode call = calls.poll(10, TimeUnit.SECONDS);
    if (call == null) {
      throw new AssertionError("no call_service within 10 s");
    }
    return call;
  }

  /** The next {@code call_service} message within {@code millis}, or null. */
  JsonNode callWithin(long millis) throws InterruptedException {
    return calls.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Subscriptions to state triggers on the current connections, one per subscribe_trigger. */
  int stateTriggerSubscriptions() throws Exception {
    return onLoop(() -> sessions.stream().mapToInt(s -> s.stateTriggers.size()).sum());
  }

  /** Subscriptions to conversation triggers on the current connections. */
  int sentenceTriggerSubscriptions() throws Exception {
    return onLoop(() -> sessions.stream().mapToInt(s -> s.sentenceTriggers.size()).sum());
  }

  /** Subscriptions to events of a type on the current connections. */
  int eventSubscriptions(String eventType) throws Exception {
    return onLoop(() -> (int) sessions.stream().flatMap(s -> s.events.values().stream())
        .filter(eventType::equals).count());
  }

  private <T> T onLoop(java.util.function.Supplier<T> read) throws Exception {
    CompletableFuture<T> value = new CompletableFuture<>();
    loop.runOnContext(ignored -> value.complete(read.get()));
    return value.get(10, TimeUnit.SECONDS);
  }

  /** Changes an entity's state, as a media player does while it plays and when it stops. */
  void state(String entity, String state) {
    state(entity, state, Instant.now());
  }

  /** Changes an entity's state at {@code changed}, its {@code last_changed}. */
  void state(String entity, String state, Instant changed) {
    loop.runOnContext(ignored -> {
      String old = states.getOrDefault(entity, "idle");
      states.put(entity, state);
      for (Session s : sessions) {
        for (Map.Entry<Long, List<String>> sub : s.stateTriggers.entrySet()) {
          if (sub.getValue().contains(entity)) {
            ObjectNode trigger = json.createObjectNode().put("id", "0").put("idx", "0").putNull("alias")
                .put("platform", "state").put("entity_id", entity);
            trigger.set("from_state", stateObject(entity, old, changed));
            trigger.set("to_state", stateObject(entity, state, changed));
            trigger.putNull("for");
            trigger.putNull("attribute");
            trigger.put("description", "state of " + entity);
            ObjectNode event = json.createObjectNode();
            event.putObject("variables").set("trigger", trigger);
            event.set("context", context());
            send(s, event(sub.getKey(), event));
          }
        }
      }
    });
  }

  /** Fires an event on Home Assistant's bus, as the companion app does when a notification's button is pressed. */
  void fireEvent(String eventType, ObjectNode data) {
    loop.runOnContext(ignored -> {
      for (Session s : sessions) {
        for (Map.Entry<Long, String> sub : s.events.entrySet()) {
          if (sub.getValue() == null || sub.getValue().equals(eventType)) {
            ObjectNode event = json.createObjectNode().put("event_type", eventType);
            event.set("data", data);
            event.put("origin", "REMOTE").put("time_fired", Instant.now().toString());
            event.set("context", context());
            send(s, event(sub.getKey(), event));
          }
        }
      }
    });
  }

  // ---- the protocol ---------------------------------------------------------------------------

  private void opened(ServerWebSocket ws) {
    connections.incrementAndGet();
    Session session = new Session(ws);
    sessions.add(session);
    ws.closeHandler(ignored -> sessions.remove(session));
    ws.textMessageHandler(text -> onText(session, text));
    send(session, json.createObjectNode().put("type", "auth_required").put("ha_version", VERSION));
  }

  private void onText(Session s, String text) {
    JsonNode message;
    try {
      message = json.readTree(text);
    } catch (IOException e) {
      violation("not JSON: " + text);
      return;
    }
    if (!s.authenticated) {
      auth(s, message);
    } else {
      command(s, message);
    }
  }

  private void auth(Session s, JsonNode message) {
    boolean wellFormed = message.isObject() && message.size() == 2 && message.path("type").asText().equals("auth")
        && message.path("access_token").isTextual();
    if (!wellFormed) {
      violation("the first message must be {\"type\": \"auth\", \"access_token\": …}, got " + message);
      send(s, json.createObjectNode().put("type", "auth_invalid").put("message", "Auth message incorrectly formatted"));
      s.ws.close();
      return;
    }
    if (!message.path("access_token").asText().equals(token)) {
      send(s, json.createObjectNode().put("type", "auth_invalid").put("message", "Invalid access token or password"));
      s.ws.close();
      return;
    }
    s.authenticated = true;
    authenticated.incrementAndGet();
    send(s, json.createObjectNode().put("type", "auth_ok").put("ha_version", VERSION));
  }

  private void command(Session s, JsonNode message) {
    JsonNode idNode = message.path("id");
    if (!message.isObject() || idNode.getNodeType() != JsonNodeType.NUMBER || !idNode.canConvertToLong()
        || idNode.isFloatingPointNumber() || idNode.asLong() <= 0 || !message.path("type").isTextual()) {
      violation("a command must be an object with an integer id and a type: " + message);
      send(s, error(idNode.asLong(0), "invalid_format", "Message incorrectly formatted."));
      return;
    }
    long id = idNode.asLong();
    if (id <= s.lastId) {
      violation("id " + id + " after " + s.lastId + ": " + message);
      send(s, error(id, "id_reuse", "Identifier values have to increase."));
      return;
    }
    String type = message.path("type").asText();
    commands.add(message);
    Set<String> keys = COMMAND_KEYS.get(type);
    if (keys == null) {
      violation("unknown command " + type);
      send(s, error(id, "unknown_command", "Unknown command."));
      s.lastId = id;
      return;
    }
    for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        invalid(s, id, "extra keys not allowed @ data['" + name + "']", message);
        s.lastId = id;
        return;
      }
    }
    s.lastId = id;
    switch (type) {
      case "ping" -> send(s, json.createObjectNode().put("id", id).put("type", "pong"));
      case "get_states" -> {
        ArrayNode all = json.createArrayNode();
        states.forEach((entity, state) -> all.add(stateObject(entity, state, Instant.now())));
        send(s, result(id, all));
      }
      case "subscribe_events" -> {
        JsonNode eventType = message.get("event_type");
        if (eventType != null && !eventType.isTextual()) {
          invalid(s, id, "expected str for dictionary value @ data['event_type']", message);
          return;
        }
        s.events.put(id, eventType == null ? null : eventType.asText());
        send(s, result(id, json.nullNode()));
      }
      case "subscribe_trigger" -> subscribeTrigger(s, id, message);
      case "unsubscribe_events" -> {
        long sub = message.path("subscription").asLong(-1);
        if (s.events.remove(sub) == null && s.stateTriggers.remove(sub) == null) {
          send(s, error(id, "not_found", "Subscription not found."));
        } else {
          send(s, result(id, json.nullNode()));
        }
      }
      case "call_service" -> callService(s, id, message);
      case "config/entity_registry/get" -> {
        String entity = message.path("entity_id").asText("");
        String device = devices.get(entity);
        if (device == null) {
          send(s, error(id, "not_found", "Entity not found"));
        } else {
          ObjectNode entry = json.createObjectNode().put("entity_id", entity).put("device_id", device)
              .put("platform", "esphome").putNull("area_id").putNull("name");
          send(s, result(id, entry));
        }
      }
      default -> throw new IllegalStateException(type);
    }
  }

  private void subscribeTrigger(Session s, long id, JsonNode message) {
    JsonNode trigger = message.path("trigger");
    if (!trigger.isObject() || !trigger.path("platform").isTextual()) {
      invalid(s, id, "expected a trigger with a platform", message);
      return;
    }
    if (trigger.path("platform").asText().equals("conversation")) {
      subscribeSentences(s, id, message, trigger);
      return;
    }
    if (!trigger.path("platform").asText().equals("state")) {
      invalid(s, id, "this stand-in knows the state and conversation triggers only", message);
      return;
    }
    for (Iterator<String> names = trigger.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Set.of("platform", "entity_id", "from", "to", "for", "attribute", "id").contains(name)) {
        invalid(s, id, "extra keys not allowed @ data['" + name + "']", message);
        return;
      }
    }
    List<String> entities = new ArrayList<>();
    JsonNode ids = trigger.path("entity_id");
    if (ids.isTextual()) {
      entities.add(ids.asText());
    } else if (ids.isArray() && !ids.isEmpty()) {
      ids.forEach(e -> entities.add(e.asText()));
    }
    if (entities.isEmpty() || entities.stream().anyMatch(e -> !ENTITY.matcher(e).matches())) {
      invalid(s, id, "Entity ID is an invalid entity ID for dictionary value @ data['entity_id']", message);
      return;
    }
    s.stateTriggers.put(id, entities);
    send(s, result(id, json.nullNode()));
  }

  /** The sentence trigger's schema: {@code command}, one sentence or a list, none empty, none with punctuation. */
  private void subscribeSentences(Session s, long id, JsonNode message, JsonNode trigger) {
    for (Iterator<String> names = trigger.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Set.of("platform", "command", "id").contains(name)) {
        invalid(s, id, "extra keys not allowed @ data['" + name + "']", message);
        return;
      }
    }
    List<String> commands = new ArrayList<>();
    JsonNode command = trigger.path("command");
    if (command.isTextual()) {
      commands.add(command.asText());
    } else if (command.isArray()) {
      command.forEach(c -> commands.add(c.isTextual() ? c.asText() : null));
    }
    if (commands.isEmpty()) {
      invalid(s, id, "at least one sentence is required", message);
      return;
    }
    for (String sentence : commands) {
      if (sentence == null || sentence.isEmpty()) {
        invalid(s, id, "sentence too short: '" + sentence + "'", message);
        return;
      }
      if (Pattern.compile("[.。,，?¿？؟!¡！;；:：’]").matcher(sentence).find()) {
        invalid(s, id, "sentence should not contain punctuation", message);
        return;
      }
    }
    s.sentenceTriggers.put(id, commands);
    send(s, result(id, json.nullNode()));
  }

  /** Names the device a satellite entity belongs to, as the entity registry does. */
  void device(String entity, String deviceId) {
    devices.put(entity, deviceId);
  }

  /**
   * Someone says {@code text} to a voice device: the sentence triggers are matched as Assist matches them (the one
   * with the most words said literally wins over wildcards) and the winner's subscription gets its event.
   *
   * @return true when a sentence matched
   */
  boolean say(String text, String deviceId) throws Exception {
    return onLoop(() -> {
      Session best = null;
      long bestId = -1;
      Map<String, String> bestSlots = null;
      int bestLiteral = -1;
      for (Session s : sessions) {
        for (Map.Entry<Long, List<String>> sub : s.sentenceTriggers.entrySet()) {
          for (String template : sub.getValue()) {
            java.util.regex.Matcher m = templateRegex(template).matcher(text.toLowerCase(java.util.Locale.ROOT));
            if (m.matches()) {
              Map<String, String> slots = new java.util.LinkedHashMap<>();
              int wild = 0;
              java.util.regex.Matcher names = Pattern.compile("\\{(\\w+)}").matcher(template);
              while (names.find()) {
                String value = m.group(names.group(1));
                slots.put(names.group(1), value);
                wild += value.length();
              }
              if (text.length() - wild > bestLiteral) {
                best = s;
                bestId = sub.getKey();
                bestSlots = slots;
                bestLiteral = text.length() - wild;
              }
            }
          }
        }
      }
      if (best == null) {
        return false;
      }
      ObjectNode trigger = json.createObjectNode().put("id", "0").put("idx", "0").putNull("alias")
          .put("platform", "conversation").put("sentence", text);
      ObjectNode details = trigger.putObject("details");
      ObjectNode slots = trigger.putObject("slots");
      bestSlots.forEach((name, value) -> {
        details.putObject(name).put("name", name).put("text", value).put("value", value);
        slots.put(name, value);
      });
      trigger.put("device_id", deviceId);
      ObjectNode input = trigger.putObject("user_input").put("text", text);
      input.set("context", context());
      input.putNull("conversation_id");
      input.put("device_id", deviceId).put("language", "en").put("agent_id", "conversation.home_assistant");
      ObjectNode event = json.createObjectNode();
      event.putObject("variables").set("trigger", trigger);
      event.set("context", context());
      send(best, event(bestId, event));
      return true;
    });
  }

  /** Home Assistant's sentence template syntax as a regex: [optional], (a|b), {wildcard}. */
  private static Pattern templateRegex(String template) {
    String t = template.toLowerCase(java.util.Locale.ROOT).trim();
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '[' -> regex.append("(?:");
        case ']' -> regex.append(")?");
        case '(' -> regex.append("(?:");
        case ')' -> regex.append(")");
        case '|' -> regex.append("|");
        case '{' -> {
          int end = t.indexOf('}', i);
          regex.append("(?<").append(t, i + 1, end).append(">.+?)");
          i = end;
        }
        case ' ' -> regex.append(" ?");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString().replace(" ? ?", " ?"));
  }

  private void callService(Session s, long id, JsonNode message) {
    JsonNode domain = message.path("domain");
    JsonNode service = message.path("service");
    JsonNode data = message.path("service_data");
    JsonNode target = message.path("target");
    if (!domain.isTextual() || !service.isTextual() || (!data.isMissingNode() && !data.isObject())
        || (!target.isMissingNode() && !target.isObject())) {
      invalid(s, id, "call_service needs a domain and a service, and objects for service_data and target", message);
      return;
    }
    String name = domain.asText() + "." + service.asText();
    String problem;
    if (name.equals("tts.speak")) {
      problem = check(data, Set.of("media_player_entity_id", "message", "cache", "language", "options"),
          Set.of("media_player_entity_id", "message"));
      if (problem == null && !data.path("media_player_entity_id").asText().startsWith("media_player.")) {
        problem = "media_player_entity_id must be a media player";
      }
      if (problem == null) {
        problem = targets(target, "tts.");
      }
    } else if (name.equals("assist_satellite.announce")) {
      problem = check(data, Set.of("message", "media_id", "preannounce", "preannounce_media_id"), Set.of());
      if (problem == null && !data.has("message") && !data.has("media_id")) {
        problem = "must contain at least one of message, media_id.";
      }
      if (problem == null && data.has("preannounce") && !data.get("preannounce").isBoolean()) {
        problem = "expected bool for dictionary value @ data['preannounce']";
      }
      if (problem == null) {
        problem = targets(target, "assist_satellite.");
      }
    } else if (domain.asText().equals("notify") && service.asText().startsWith("mobile_app_")) {
      problem = check(data, Set.of("message", "title", "data"), Set.of("message"));
      if (problem == null && !target.isMissingNode()) {
        problem = "a notify service takes no target";
      }
      if (problem == null) {
        problem = companionData(data.path("data"));
      }
    } else {
      send(s, error(id, "not_found", "Service not found."));
      return;
    }
    if (problem != null) {
      invalid(s, id, problem, message);
      return;
    }
    calls.add(message);
    ObjectNode result = json.createObjectNode();
    result.set("context", context());
    result.putNull("response");
    send(s, result(id, result));
  }

  /** The companion app's notification data: https://companion.home-assistant.io/docs/notifications/. */
  private String companionData(JsonNode extra) {
    if (extra.isMissingNode()) {
      return null;
    }
    if (!extra.isObject()) {
      return "data must be an object";
    }
    JsonNode actions = extra.path("actions");
    if (!actions.isMissingNode()) {
      if (!actions.isArray() || actions.size() > 3) {
        return "actions must be a list of at most three (Android shows no more)";
      }
      for (JsonNode action : actions) {
        if (!action.path("action").isTextual() || !action.path("title").isTextual()) {
          return "each action needs an action key and a title: " + action;
        }
      }
    }
    if (extra.has("tag") && !extra.get("tag").isTextual()) {
      return "tag must be text";
    }
    return null;
  }

  private static String check(JsonNode data, Set<String> allowed, Set<String> required) {
    for (Iterator<String> names = data.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        return "extra keys not allowed @ data['" + name + "']";
      }
    }
    for (String name : required) {
      if (!data.path(name).isTextual() || data.path(name).asText().isEmpty()) {
        return "required key not provided @ data['" + name + "']";
      }
    }
    return null;
  }

  private static String targets(JsonNode target, String prefix) {
    JsonNode entity = target.path("entity_id");
    if (!entity.isTextual() || !entity.asText().startsWith(prefix) || !ENTITY.matcher(entity.asText()).matches()) {
      return "target.entity_id must name a " + prefix + " entity, got " + target;
    }
    return null;
  }

  // ---- messages -------------------------------------------------------------------------------

  private void invalid(Session s, long id, String problem, JsonNode message) {
    violation(problem + ": " + message);
    send(s, error(id, "invalid_format", problem));
  }

  private void violation(String what) {
    violations.add(what);
  }

  private ObjectNode result(long id, JsonNode result) {
    ObjectNode message = json.createObjectNode().put("id", id).put("type", "result").put("success", true);
    message.set("result", result);
    return message;
  }

  private ObjectNode error(long id, String code, String text) {
    ObjectNode message = json.createObjectNode().put("id", id).put("type", "result").put("success", false);
    message.putObject("error").put("code", code).put("message", text);
    return message;
  }

  private ObjectNode event(long id, ObjectNode event) {
    ObjectNode message = json.createObjectNode().put("id", id).put("type", "event");
    message.set("event", event);
    return message;
  }

  private ObjectNode stateObject(String entity, String state, Instant changed) {
    // Home Assistant writes times like 2016-11-26T01:37:24.265390+00:00.
    String now = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
        .format(changed.atOffset(java.time.ZoneOffset.UTC));
    ObjectNode object = json.createObjectNode().put("entity_id", entity).put("state", state);
    object.putObject("attributes").put("friendly_name", entity);
    object.put("last_changed", now).put("last_reported", now).put("last_updated", now);
    object.set("context", context());
    return object;
  }

  private ObjectNode context() {
    ObjectNode context = json.createObjectNode().put("id", UUID.randomUUID().toString().replace("-", ""));
    context.putNull("parent_id");
    context.putNull("user_id");
    return context;
  }

  private void send(Session s, JsonNode message) {
    try {
      s.ws.writeTextMessage(json.writeValueAsString(message));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

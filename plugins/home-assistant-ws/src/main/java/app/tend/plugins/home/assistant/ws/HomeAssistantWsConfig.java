package app.tend.plugins.home.assistant.ws;

import app.tend.api.ConfigChecks;
import app.tend.api.InvalidConfigException;
import app.tend.api.Secret;
import app.tend.api.message.SignalKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of the {@code home-assistant-ws} plugin (section {@code plugins.home-assistant-ws} of tend.yaml).
 *
 * @param url Home Assistant's address, {@code http://homeassistant.local:8123} (its WebSocket API is at
 *     {@code /api/websocket} there) or the WebSocket URL itself; https and wss use TLS; empty, the plugin is not set
 *     up and its channels refuse every prompt (every plugin jar in the folder is loaded, configured or not)
 * @param tokenEnv the environment variable holding a long-lived access token of an administrator
 * @param tokenFile the file holding it (instead of {@code tokenEnv})
 * @param caFile a PEM file of the certificate authority that signed Home Assistant's certificate, when it is
 *     not one the JVM trusts (a self-signed one); empty for the JVM's own
 * @param tts the TTS entity {@code tts.speak} uses for a media player, e.g. {@code tts.piper}; a person's own
 *     {@code tts} overrides it
 * @param language the language passed to {@code tts.speak}, or empty for the TTS entity's own
 * @param speakerChannel the name of the speaker channel (what {@code coach.channels} and
 *     {@code persons.<id>.channels} name)
 * @param phoneChannel the name of the phone channel
 * @param persons each person's devices in Home Assistant
 * @param assist whether to register Tend's sentences with Assist ({@code subscribe_trigger} with a
 *     {@code conversation} trigger per intent); default true
 * @param sentences Assist sentences per intent ({@code startExercise}, {@code feelingStressed}, …), replacing the
 *     English ones of that intent; an empty list turns the intent off
 * @param signals entities whose states are samples: entity id to the person and the signal kind
 * @param speakTimeoutSeconds the longest a spoken prompt may take, from the call until the player is done
 * @param playingWithinSeconds how soon after {@code tts.speak} a media player must report {@code playing}; one
 *     that does not (some never report their state) counts as done speaking then
 * @param commandTimeoutSeconds how long to wait for Home Assistant's result of a command
 * @param connectWaitSeconds how long a prompt waits for Home Assistant to come (back) before it fails
 * @param reconnectMinSeconds the first wait before connecting again after the connection was lost
 * @param reconnectMaxSeconds the longest wait between attempts (the wait doubles up to it)
 * @param pingSeconds how often to ping Home Assistant to find a dead connection
 */
public record HomeAssistantWsConfig(
    String url,
    String tokenEnv,
    String tokenFile,
    String caFile,
    String tts,
    String language,
    String speakerChannel,
    String phoneChannel,
    Map<String, Person> persons,
    Boolean assist,
    Map<String, List<String>> sentences,
    Map<String, Signal> signals,
    Integer speakTimeoutSeconds,
    Integer playingWithinSeconds,
    Integer commandTimeoutSeconds,
    Integer connectWaitSeconds,
    Integer reconnectMinSeconds,
    Integer reconnectMaxSeconds,
    Integer pingSeconds) {

  /** Home Assistant's entity ids: {@code <domain>.<object id>}. */
  static final Pattern ENTITY_ID = Pattern.compile("[a-z0-9_]+\\.[a-z0-9_]+");
  private static final Pattern PERSON_ID = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern MOBILE_APP = Pattern.compile("(notify\\.)?(mobile_app_[a-z0-9_]+)");

  /** Fills in defaults and checks every key. */
  public HomeAssistantWsConfig {
    url = ConfigChecks.orDefault(url, "").trim();
    if (!url.isEmpty()) {
      Endpoint.parse(url);
    }
    if (!url.isEmpty() && ConfigChecks.orDefault(tokenEnv, "").isBlank()
        && ConfigChecks.orDefault(tokenFile, "").isBlank()) {
      throw new InvalidConfigException("tokenEnv", null,
          "tokenEnv or tokenFile naming a long-lived access token (Home Assistant: your profile, Security)");
    }
    Secret.checkReference("token", tokenEnv, tokenFile);
    caFile = ConfigChecks.orDefault(caFile, "").trim();
    tts = ConfigChecks.orDefault(tts, "").trim();
    if (!tts.isEmpty()) {
      entity("tts", tts, "tts");
    }
    language = ConfigChecks.orDefault(language, "").trim();
    speakerChannel = ConfigChecks.matches("speakerChannel", ConfigChecks.orDefault(speakerChannel, "ha-speaker"),
        CHANNEL, "a channel name of letters, digits, _, ., : or -");
    phoneChannel = ConfigChecks.matches("phoneChannel", ConfigChecks.orDefault(phoneChannel, "ha-phone"),
        CHANNEL, "a channel name of letters, digits, _, ., : or -");
    if (speakerChannel.equals(phoneChannel)) {
      throw new InvalidConfigException("phoneChannel", phoneChannel, "a name other than speakerChannel's");
    }
    Map<String, Person> checked = new LinkedHashMap<>();
    if (persons != null) {
      for (Map.Entry<String, Person> e : persons.entrySet()) {
        String id = e.getKey();
        if (id == null || !PERSON_ID.matcher(id).matches()) {
          throw new InvalidConfigException("persons", id, "person ids of 1 to 64 characters a-z, 0-9, _ or -");
        }
        Person p = e.getValue() == null ? new Person(null, null, null, null, null) : e.getValue();
        if (p.speaker().isEmpty() && p.phone().isEmpty() && p.assistDevices().isEmpty()) {
          throw new InvalidConfigException("persons." + id + ".speaker", null,
              "a speaker (media_player.… or assist_satellite.…), a phone (mobile_app_…) or assistDevices");
        }
        if (p.speaker().startsWith("media_player.") && p.tts().isEmpty() && tts.isEmpty()) {
          throw new InvalidConfigException("persons." + id + ".tts", null,
              "the TTS entity tts.speak uses for " + p.speaker() + ", e.g. tts.piper (or tts for everyone)");
        }
        checked.put(id, p);
      }
    }
    persons = Collections.unmodifiableMap(checked);
    assist = ConfigChecks.bool(assist, true);
    Map<String, List<String>> phrases = new LinkedHashMap<>(Sentences.ENGLISH);
    if (sentences != null) {
      for (Map.Entry<String, List<String>> e : sentences.entrySet()) {
        if (!Sentences.ENGLISH.containsKey(e.getKey())) {
          throw new InvalidConfigException("sentences", e.getKey(), "one of " + Sentences.ENGLISH.keySet());
        }
        List<String> list = e.getValue() == null ? List.of() : List.copyOf(e.getValue());
        for (String sentence : list) {
          Sentences.check("sentences." + e.getKey(), sentence);
        }
        phrases.put(e.getKey(), list);
      }
    }
    sentences = Collections.unmodifiableMap(phrases);
    Map<String, Signal> entities = new LinkedHashMap<>();
    if (signals != null) {
      for (Map.Entry<String, Signal> e : signals.entrySet()) {
        if (e.getKey() == null || !ENTITY_ID.matcher(e.getKey()).matches()) {
          throw new InvalidConfigException("signals", e.getKey(), "entity ids like sensor.pixel_watch_heart_rate as keys");
        }
        if (e.getValue() == null) {
          throw new InvalidConfigException("signals." + e.getKey(), null, "a person and a kind");
        }
        entities.put(e.getKey(), e.getValue());
      }
    }
    signals = Collections.unmodifiableMap(entities);
    speakTimeoutSeconds = ConfigChecks.intIn("speakTimeoutSeconds", speakTimeoutSeconds, 120, 5, 1800);
    playingWithinSeconds = ConfigChecks.intIn("playingWithinSeconds", playingWithinSeconds, 10, 1, 120);
    commandTimeoutSeconds = ConfigChecks.intIn("commandTimeoutSeconds", commandTimeoutSeconds, 30, 1, 300);
    connectWaitSeconds = ConfigChecks.intIn("connectWaitSeconds", connectWaitSeconds, 20, 0, 600);
    reconnectMinSeconds = ConfigChecks.intIn("reconnectMinSeconds", reconnectMinSeconds, 1, 1, 300);
    reconnectMaxSeconds = ConfigChecks.intIn("reconnectMaxSeconds", reconnectMaxSeconds, 60, reconnectMinSeconds, 3600);
    pingSeconds = ConfigChecks.intIn("pingSeconds", pingSeconds, 30, 5, 600);
  }

  /** True when {@code url} is set. */
  boolean configured() {
    return !url.isEmpty();
  }

  /** Where the WebSocket API is. */
  Endpoint endpoint() {
    return Endpoint.parse(url);
  }

  /** A person's devices, if the person is configured. */
  Optional<Person> person(String id) {
    return Optional.ofNullable(persons.get(id));
  }

  /** The TTS entity for a person's media player. */
  String ttsOf(Person p) {
    return p.tts().isEmpty() ? tts : p.tts();
  }

  private static String entity(String key, String value, String domain) {
    if (value == null || !ENTITY_ID.matcher(value).matches() || !value.startsWith(domain + ".")) {
      throw new InvalidConfigException(key, value, "an entity id like " + domain + ".kitchen");
    }
    return value;
  }

  /**
   * One person's devices in Home Assistant.
   *
   * @param speaker where to speak: a media player ({@code media_player.kitchen}, spoken with {@code tts.speak}) or a
   *     Voice satellite ({@code assist_satellite.kitchen}, spoken with {@code assist_satellite.announce}); empty for none
   * @param tts the TTS entity for this person's media player; empty for the plugin's {@code tts}
   * @param phone the companion app's notify service, {@code mobile_app_<device>} (with or without {@code notify.});
   *     empty for none
   * @param guideOn where an exercise started from the phone is guided: {@code speaker} (the default when there is
   *     one) or {@code phone}; always the phone during quiet hours
   * @param assistDevices the Home Assistant device ids of voice devices that hear this person, besides their satellite
   *     speaker (found by itself); a sentence heard by another device is ignored, unless only one person is set
   */
  public record Person(String speaker, String tts, String phone, String guideOn, List<String> assistDevices) {

    /** Checks every key and applies the defaults. */
    public Person {
      speaker = ConfigChecks.orDefault(speaker, "").trim();
      if (!speaker.isEmpty() && !(ENTITY_ID.matcher(speaker).matches()
          && (speaker.startsWith("media_player.") || speaker.startsWith("assist_satellite.")))) {
        throw new InvalidConfigException("speaker", speaker,
            "a media player (media_player.kitchen) or a Voice satellite (assist_satellite.kitchen)");
      }
      tts = ConfigChecks.orDefault(tts, "").trim();
      if (!tts.isEmpty()) {
        entity("tts", tts, "tts");
      }
      phone = ConfigChecks.orDefault(phone, "").trim();
      if (!phone.isEmpty()) {
        var m = MOBILE_APP.matcher(phone);
        if (!m.matches()) {
          throw new InvalidConfigException("phone", phone,
              "the companion app's notify service, e.g. mobile_app_pixel_8 (Settings, Companion app, device name)");
        }
        phone = m.group(2);
      }
      guideOn = ConfigChecks.orDefault(guideOn, speaker.isEmpty() ? "phone" : "speaker").trim();
      if (!guideOn.equals("speaker") && !guideOn.equals("phone")) {
        throw new InvalidConfigException("guideOn", guideOn, "speaker or phone");
      }
      if (guideOn.equals("speaker") && speaker.isEmpty()) {
        throw new InvalidConfigException("guideOn", guideOn, "phone, since no speaker is set");
      }
      assistDevices = assistDevices == null ? List.of() : List.copyOf(assistDevices);
      for (String device : assistDevices) {
        if (device == null || !device.matches("[0-9a-f]{32}")) {
          throw new InvalidConfigException("assistDevices", device,
              "Home Assistant device ids (32 hex digits, from the device page's address)");
        }
      }
    }

    /** True when exercises started from the phone are guided on the speaker (outside quiet hours). */
    boolean guidesOnSpeaker() {
      return guideOn.equals("speaker");
    }

    /** True when the speaker is a Voice satellite rather than a media player. */
    boolean satellite() {
      return speaker.startsWith("assist_satellite.");
    }
  }

  /**
   * An entity whose state is a body signal.
   *
   * @param person whose body it measures
   * @param kind {@code hr} (a watch's heart-rate sensor), {@code steps} (a step counter: each increase is a sample) or
   *     {@code spo2}
   */
  public record Signal(String person, String kind) {

    private static final Set<String> KINDS = Set.of("hr", "steps", "spo2");

    /** Checks both. */
    public Signal {
      ConfigChecks.matches("person", person, PERSON_ID, "a person id of 1 to 64 characters a-z, 0-9, _ or -");
      if (kind == null || !KINDS.contains(kind)) {
        throw new InvalidConfigException("kind", kind, "hr, steps or spo2");
      }
    }

    /** The kind as Tend's samples name it. */
    SignalKind signalKind() {
      return SignalKind.fromWireName(kind).orElseThrow();
    }
  }

  /**
   * Where Home Assistant's WebSocket API is.
   *
   * @param ssl whether to use TLS
   * @param host the host
   * @param port the port
   * @param path the path, {@code /api/websocket} unless the URL named another
   */
  record Endpoint(boolean ssl, String host, int port, String path) {

    /** Reads an http(s) base URL or a ws(s) URL; throws {@link InvalidConfigException} naming {@code url}. */
    static Endpoint parse(String url) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw invalid(url);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.matches("https?|wss?") || uri.getHost() == null || uri.getUserInfo() != null
          || uri.getQuery() != null || uri.getFragment() != null) {
        throw invalid(url);
      }
      boolean ssl = scheme.equals("https") || scheme.equals("wss");
      int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (scheme.startsWith("http") || path.isEmpty() || path.equals("/")) {
        path = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/api/websocket";
      }
      return new Endpoint(ssl, uri.getHost(), port, path);
    }

    private static InvalidConfigException invalid(String url) {
      return new InvalidConfigException("url", url,
          "Home Assistant's address like http://homeassistant.local:8123 or https://… (no user, query or fragment)");
    }

    @Override
    public String toString() {
      return (ssl ? "wss" : "ws") + "://" + host + ":" + port + path;
    }
  }
}

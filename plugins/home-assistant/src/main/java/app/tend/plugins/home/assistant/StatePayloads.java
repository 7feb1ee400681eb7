package app.tend.plugins.home.assistant;

import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What Tend's messages show on the entities' state topics, by entity. */
final class StatePayloads {

  /** Home Assistant keeps at most 255 characters of a state. */
  static final int MAX_STATE = 255;
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private StatePayloads() {}

  static Map<Entity, String> of(StressState state) {
    Map<Entity, String> states = new LinkedHashMap<>();
    states.put(Entity.STRESS_SCORE, Integer.toString(state.score()));
    states.put(Entity.STRESS_LEVEL, state.level().name().toLowerCase(Locale.ROOT));
    return states;
  }

  static Map<Entity, String> of(ScheduleStatus status) {
    Map<Entity, String> states = new LinkedHashMap<>();
    states.put(Entity.IN_SESSION, status.state() == ScheduleState.IN_SESSION ? Entity.ON : Entity.OFF);
    states.put(Entity.DECOMPRESS, status.state() == ScheduleState.DECOMPRESS ? Entity.ON : Entity.OFF);
    states.put(Entity.NEXT_SESSION, status.next() == null ? Entity.NONE : timestamp(status.next().start()));
    return states;
  }

  /** The suggestion's title as the state. */
  static String state(Suggestion suggestion) {
    String title = suggestion.title();
    return title.length() > MAX_STATE ? title.substring(0, MAX_STATE) : title;
  }

  /** The suggestion's words, reason and more as the sensor's attributes. */
  static String attributes(Suggestion suggestion) {
    return attributes(suggestion, "open", null);
  }

  /**
   * The attributes once the person answered: {@code answer} is {@code open} until then, and then what they
   * did ({@code accepted}, {@code started}, {@code snoozed}, {@code dismissed}, {@code completed}), with its time.
   */
  static String attributes(Suggestion suggestion, String answer, Instant answeredAt) {
    return new JsonObject()
        .put("answer", answer)
        .put("answered", answeredAt == null ? null : timestamp(answeredAt))
        .put("exercise", suggestion.exerciseId())
        .put("words", suggestion.words())
        .put("reason", suggestion.reason())
        .put("urgency", suggestion.urgency().name().toLowerCase(Locale.ROOT))
        .put("created", timestamp(suggestion.createdAt()))
        .put("expires", timestamp(suggestion.expiresAt()))
        .encode();
  }

  /** ISO 8601 with the offset written out, as a timestamp sensor takes it. */
  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC));
  }
}

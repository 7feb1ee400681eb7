package app.tend.hub.api;

import app.tend.api.message.CalendarEvent;
import app.tend.api.message.Feedback;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.hub.json.Json;
import app.tend.hub.store.CoachSnapshot;
import app.tend.hub.store.LearnedEffect;
import app.tend.hub.store.Outcome;
import app.tend.hub.store.Store;
import app.tend.hub.store.StoredSession;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything stored about one person, for {@code GET /api/persons/{person}/export}: as one JSON document,
 * or as a ZIP of one CSV file per table (with the preferences and the coach's memory as JSON files).
 */
final class PersonExport {

  /** Far enough ahead to take every stored row, near enough to fit in epoch milliseconds. */
  private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

  private static final CsvMapper CSV = CsvMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .build();

  /** One stored stress state, flat. */
  record StressRow(Instant time, int score, StressLevel level, double confidence, Double hr, String reason) {}

  /**
   * Everything stored about a person.
   *
   * @param preferences the person's preferences as saved from the config, or null
   * @param coachState the coach's memory of the person, or null
   */
  record Data(
      String person,
      Instant exportedAt,
      JsonNode preferences,
      List<StoredSession> sessions,
      List<CalendarEvent> addedSessions,
      List<StressRow> stressStates,
      List<Suggestion> suggestions,
      List<Feedback> feedback,
      List<Outcome> outcomes,
      List<LearnedEffect> learnedEffects,
      JsonNode coachState) {}

  private PersonExport() {}

  /** Reads every table for the person. */
  static Future<Data> read(Store store, String person, Instant now) {
    Future<String> preferences = store.preferences(person);
    Future<List<StoredSession>> sessions = store.sessions(person, Instant.EPOCH, END_OF_TIME);
    Future<List<CalendarEvent>> added = store.addedSessions(Instant.EPOCH)
        .map(all -> all.stream().filter(s -> s.person().equals(person)).toList());
    Future<List<StressState>> stress = store.stressStates(person, Instant.EPOCH, END_OF_TIME);
    Future<List<Suggestion>> suggestions = store.suggestions(person, Instant.EPOCH);
    Future<List<Feedback>> feedback = store.feedback(person, Instant.EPOCH);
    Future<List<Outcome>> outcomes = store.outcomes(person, Instant.EPOCH);
    Future<List<LearnedEffect>> learned = store.learnedEffects()
        .map(all -> all.stream().filter(e -> e.person().equals(person)).toList());
    Future<String> coach = store.coachStates()
        .map(all -> all.stream().filter(s -> s.person().equals(person)).map(CoachSnapshot::json).findFirst().orElse(null));
    return Future.all(List.of(preferences, sessions, added, stress, suggestions, feedback, outcomes, learned, coach))
        .map(all -> new Data(person, now, tree(preferences.result()), sessions.result(), added.result(),
            stress.result().stream().map(s -> new StressRow(s.time(), s.score(), s.level(), s.confidence(), s.heartRate(),
                s.reason())).toList(),
            suggestions.result(), feedback.result(), outcomes.result(), learned.result(), tree(coach.result())));
  }

  /** The data as one JSON document. */
  static byte[] json(Data data) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(data);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The data as a ZIP: one CSV per table with a header line, and the JSON parts as JSON files. */
  static byte[] csvZip(Data data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      csv(zip, "sessions.csv", StoredSession.class, data.sessions());
      csv(zip, "added-sessions.csv", CalendarEvent.class, data.addedSessions());
      csv(zip, "stress-states.csv", StressRow.class, data.stressStates());
      csv(zip, "suggestions.csv", Suggestion.class, data.suggestions());
      csv(zip, "feedback.csv", Feedback.class, data.feedback());
      csv(zip, "outcomes.csv", Outcome.class, data.outcomes());
      csv(zip, "learned-effects.csv", LearnedEffect.class, data.learnedEffects());
      entry(zip, "preferences.json", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(data.preferences()));
      entry(zip, "coach-state.json", Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(data.coachState()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> void csv(ZipOutputStream zip, String name, Class<T> type, List<T> rows) throws IOException {
    entry(zip, name, CSV.writer(CSV.schemaFor(type).withHeader()).writeValueAsBytes(rows));
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  private static JsonNode tree(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("stored JSON cannot be read: " + e.getMessage(), e);
    }
  }
}

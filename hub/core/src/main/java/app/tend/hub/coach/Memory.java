package app.tend.hub.coach;

import app.tend.api.message.Urgency;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the coach remembers of one person between decisions: saved (as JSON) with every change, so a
 * restart keeps cooldowns, snoozes, the daily count, deferred offers and exercises being measured.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
final class Memory {

  /** An exercise the person is doing or did, until its effect has been measured. */
  @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Run {
    String exerciseId;
    String suggestionId = "";
    Instant startedAt;
    Instant completedAt;
    Integer distressBefore;
    Integer distressAfter;
  }

  /** When the last prompt was made, and how pressing it was. */
  Instant lastPromptAt;
  Urgency lastUrgency;
  /** The offer on the table: what "yes", "no" and "not now" refer to. */
  String openSuggestionId;
  String openExerciseId;
  Instant openExpiresAt;
  boolean openAnswered;
  /** "Do not disturb": nothing offered of the coach's own accord until it is turned off. */
  boolean doNotDisturb;
  /** "Not now": quiet until then. */
  Instant snoozedUntil;
  /** The local day the count is for, and prompts made on it. */
  LocalDate day;
  int promptsToday;
  /** Exercises dismissed today: not offered again today. */
  Set<String> dismissedToday = new LinkedHashSet<>();
  /** The last dismissal; no prompt until stress has been calm again (or dismissQuietMinutes passed). */
  Instant dismissedAt;
  boolean calmSinceDismissal = true;
  /** High stress held back by a session or busy time: offered once when it ends, if still relevant. */
  Instant deferredSince;
  app.tend.api.message.ScheduleState deferredBy;
  /** The session whose decompress offer was made (or is no longer due). */
  String decompressDoneFor;
  /** The last practice reminder slot handled, as {@code yyyy-MM-ddTHH:mm}. */
  String lastPracticeSlot;
  /** Practice: the last local day practised, the days in a row, the next exercise of the plan. */
  LocalDate lastPracticeDay;
  int streak;
  int practiceIndex;
  /** The person's latest 0-10 rating and when, to pair with an exercise that starts soon after. */
  Integer lastDistress;
  Instant lastDistressAt;
  /** Exercises started or done whose effect is still to be measured. */
  List<Run> runs = new ArrayList<>();

  /** Starts a new local day's count. */
  void rollDay(LocalDate today) {
    if (!today.equals(day)) {
      day = today;
      promptsToday = 0;
      dismissedToday.clear();
    }
  }

  /** The offer on the table, if it has not expired or been answered. */
  boolean hasOpenOffer(Instant now) {
    return openSuggestionId != null && !openAnswered && openExpiresAt != null && now.isBefore(openExpiresAt);
  }

  /** The run of an exercise that is going on (started, not completed), if any. */
  Run current() {
    for (int i = runs.size() - 1; i >= 0; i--) {
      if (runs.get(i).completedAt == null) {
        return runs.get(i);
      }
    }
    return null;
  }
}

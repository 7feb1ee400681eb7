package app.tend.hub.store;

import app.tend.api.message.CalendarEvent;
import app.tend.api.message.Feedback;
import app.tend.api.message.RoutineRun;
import app.tend.api.message.SessionEvent;
import app.tend.api.message.StressState;
import app.tend.api.message.Suggestion;
import app.tend.hub.stress.BaselineSnapshot;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the hub keeps across restarts. Every method runs off the event loop and completes when
 * the data is durably written (or read); a completed write survives {@code kill -9}.
 *
 * <p>Writes that belong together (a suggestion and the coach state that records it) are one transaction. A write
 * that fails saved nothing, so it may be retried.
 */
public interface Store {

  /** Saves a person's preferences (JSON), replacing what was there. */
  Future<Void> savePerson(String person, String preferencesJson, Instant at);

  /** Records that a session started or ended; the session's row is created or completed. */
  Future<Void> saveSessionEvent(SessionEvent event);

  /** Saves one stress state (callers downsample). */
  Future<Void> saveStressState(StressState state);

  /** Saves a suggestion and, in the same transaction, the coach state that records it (may be null). */
  Future<Void> saveSuggestion(Suggestion suggestion, String trigger, CoachSnapshot state);

  /** Saves feedback and, in the same transaction, the coach state it led to (may be null). */
  Future<Void> saveFeedback(Feedback feedback, CoachSnapshot state);

  /** Saves a measured outcome, the learned effect it updated (may be null) and the coach state (may be null). */
  Future<Void> saveOutcome(Outcome outcome, LearnedEffect effect, CoachSnapshot state);

  /** Saves the coach's state of one person. */
  Future<Void> saveCoachState(CoachSnapshot state);

  /** The coach's saved state of every person. */
  Future<List<CoachSnapshot>> coachStates();

  /** Saves the stress engine's baselines, one row per person and feature, replacing the persons' old rows. */
  Future<Void> saveBaselines(Map<String, BaselineSnapshot> baselines, Instant at);

  /** Every person's saved stress baseline. */
  Future<Map<String, BaselineSnapshot>> baselines();

  /** One person's saved stress baseline, if there is one. */
  Future<Optional<BaselineSnapshot>> baseline(String person);

  /** Every learned effect of every person. */
  Future<List<LearnedEffect>> learnedEffects();

  /** A person's preferences as saved, or null. */
  Future<String> preferences(String person);

  /** A person's suggestions made at or after {@code since}, oldest first. */
  Future<List<Suggestion>> suggestions(String person, Instant since);

  /** A person's feedback given at or after {@code since}, oldest first. */
  Future<List<Feedback>> feedback(String person, Instant since);

  /** A person's outcomes that ended at or after {@code since}, oldest first. */
  Future<List<Outcome>> outcomes(String person, Instant since);

  /** A person's stored stress states in {@code [from, to)}, oldest first. */
  Future<List<StressState>> stressStates(String person, Instant from, Instant to);

  /** A person's sessions that started (or ended) in {@code [from, to)}, oldest first. */
  Future<List<StoredSession>> sessions(String person, Instant from, Instant to);

  /** Records one run of a home routine. */
  Future<Void> saveRoutineRun(RoutineRun run);

  /** A routine's most recent runs, newest first, at most {@code limit}. */
  Future<List<RoutineRun>> routineRuns(String routine, int limit);

  /** Saves a therapy session added through the API (kind THERAPY), before it happens. */
  Future<Void> saveAddedSession(CalendarEvent session, Instant at);

  /** Every person's sessions added through the API that end after {@code endingAfter}, by start. */
  Future<List<CalendarEvent>> addedSessions(Instant endingAfter);

  /** Records what became of a suggestion's offer (see {@link app.tend.hub.channels.OfferLog}). */
  Future<Void> saveOffer(String suggestionId, String offer, Instant at);

  /**
   * Suggestions still valid at {@code now} whose offer has no recorded end: the hub stopped while offering
   * them. Oldest first.
   */
  Future<List<Suggestion>> unofferedSuggestions(Instant now);

  /** The suggestion with this id, if it is stored. */
  Future<Optional<Suggestion>> suggestion(String id);

  /** Every person anything is stored about, sorted. */
  Future<List<String>> persons();

  /**
   * Deletes every row about a person, in one transaction: preferences, sessions, stress states,
   * suggestions, feedback, outcomes, baselines, the coach's memory and learned effects.
   *
   * @return rows deleted per table
   */
  Future<Map<String, Integer>> erase(String person);

  /**
   * Deletes stress states, suggestions, feedback, outcomes, sessions (also those added) and routine runs older than
   * {@code cutoff}; returns rows deleted.
   */
  Future<Integer> purgeBefore(Instant cutoff);

  /**
   * Whether writes work: false from a write that failed because the database or its disk cannot take writes (a full
   * disk) until one works again; the store tries again by itself.
   */
  boolean writable();

  /** Closes the database. */
  Future<Void> close();
}

package app.tend.hub.store;

import java.time.Instant;

/**
 * The measured effect of one exercise a person did. Null components were not measured (no wearable
 * data, no rating given).
 *
 * @param person who did it
 * @param exerciseId which exercise
 * @param suggestionId the suggestion it followed, or empty when the person started it themselves
 * @param startedAt when it started
 * @param endedAt when it ended
 * @param stressBefore the mean stress score in the minutes before
 * @param stressAfter the mean stress score in the minutes after
 * @param hrBefore the mean heart rate in the minutes before
 * @param hrAfter the mean heart rate in the minutes after
 * @param distressBefore the person's 0-10 rating before, if given
 * @param distressAfter the person's 0-10 rating after, if given
 * @param change the benefit learned from: the change of the stress score, or ten times the change of the
 *     rating when no stress was measured; null when neither was
 */
public record Outcome(
    String person,
    String exerciseId,
    String suggestionId,
    Instant startedAt,
    Instant endedAt,
    Double stressBefore,
    Double stressAfter,
    Double hrBefore,
    Double hrAfter,
    Integer distressBefore,
    Integer distressAfter,
    Double change) {}

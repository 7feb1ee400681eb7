package app.tend.hub.runner;

import java.time.Instant;

/**
 * A guided exercise as it stands.
 *
 * @param person who does it
 * @param exerciseId the exercise
 * @param channel the channel guiding it
 * @param suggestionId the suggestion it answers, or empty
 * @param startedAt when it started
 * @param step the 1-based step being said or held, or 0 once the steps are done (the check-in)
 * @param steps the number of steps
 * @param paused true while paused
 */
public record RunInfo(String person, String exerciseId, String channel, String suggestionId, Instant startedAt,
    int step, int steps, boolean paused) {}

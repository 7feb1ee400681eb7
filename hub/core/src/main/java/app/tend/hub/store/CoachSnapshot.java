package app.tend.hub.store;

import java.time.Instant;

/**
 * The coach's memory of one person, saved as JSON whenever it changes, so a restart loses no
 * cooldown, snooze or pending offer.
 *
 * @param person the person
 * @param json the coach's state, as the coach wrote it
 * @param updatedAt when it was saved
 */
public record CoachSnapshot(String person, String json, Instant updatedAt) {}

package app.tend.hub.schedule;

import java.time.Instant;

/**
 * A therapy session as the schedule sees it now (planned, running or just over).
 *
 * @param person whose session
 * @param id its id
 * @param summary its title
 * @param source the calendar plugin, {@code api}, or the plugin it was said through
 * @param start when it starts or started
 * @param end when it ends or ended
 */
public record ScheduledSession(String person, String id, String summary, String source, Instant start, Instant end) {}

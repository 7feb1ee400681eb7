package app.tend.hub.store;

import java.time.Instant;

/**
 * A therapy session as it happened.
 *
 * @param person whose session
 * @param id the session id
 * @param summary its title
 * @param source the plugin id, {@code voice} or {@code api} it came from
 * @param startedAt when it started, or null if only its end was seen
 * @param endedAt when it ended, or null while it runs
 */
public record StoredSession(String person, String id, String summary, String source, Instant startedAt, Instant endedAt) {}

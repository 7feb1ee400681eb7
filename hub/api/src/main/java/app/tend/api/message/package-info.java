/**
 * The immutable message records that travel on the event bus between the hub and its plugins.
 *
 * <p>Each record checks its own invariants in its constructor, so a malformed message fails where it
 * is made, not where it is consumed. Times are {@link java.time.Instant}s in UTC; durations carry
 * their unit in the component name.
 */
package app.tend.api.message;

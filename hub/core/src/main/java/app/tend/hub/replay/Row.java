package app.tend.hub.replay;

import app.tend.api.message.SignalKind;

/**
 * One row of a recording on its way out of a replay.
 *
 * @param offsetMs milliseconds since the first row of its file: what pacing follows
 * @param timeMs the sample time to send, Unix milliseconds
 * @param person the person
 * @param kind what was measured
 * @param value the value in the kind's unit
 */
public record Row(long offsetMs, long timeMs, String person, SignalKind kind, double value) {}

package app.tend.hub.channels;

import io.vertx.core.Future;
import java.time.Instant;

/** Where prompt delivery records what became of each suggestion's offer, so a restart can finish it. */
@FunctionalInterface
public interface OfferLog {

  /** Keeps nothing: for delivery that nothing resumes. */
  OfferLog NONE = (suggestionId, offer, at) -> Future.succeededFuture();

  /**
   * Records an offer's end.
   *
   * @param offer the channel the suggestion was offered on, {@code taken} when the exercise runner took it,
   *     or {@code undelivered:<reason>}
   */
  Future<Void> record(String suggestionId, String offer, Instant at);
}

package app.tend.hub.channels;

import app.tend.api.message.Suggestion;
import io.vertx.core.Future;

/** Asked before a suggestion is offered: the exercise runner may take it, or hold it back. */
@FunctionalInterface
public interface SuggestionClaims {

  /** What to do with a suggestion. */
  enum Claim {
    /** Offer it on a channel. */
    OFFER,
    /** The person asked for an exercise and the runner runs this one: no offer. */
    TAKEN,
    /** The person is doing an exercise: an offer would interrupt it. */
    HOLD
  }

  /** Nothing is ever claimed: every suggestion is offered. */
  SuggestionClaims NONE = suggestion -> Future.succeededFuture(Claim.OFFER);

  /** Decides what becomes of the suggestion. */
  Future<Claim> claim(Suggestion suggestion);
}

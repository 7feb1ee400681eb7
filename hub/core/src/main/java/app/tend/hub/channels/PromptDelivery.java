package app.tend.hub.channels;

import app.tend.api.Addresses;
import app.tend.api.Meters;
import app.tend.api.message.Prompt;
import app.tend.api.message.Suggestion;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the coach's suggestions: each one as an OFFER prompt on the first of its channels (in its
 * order) that is running and delivers it, falling back to the next when one fails. An expired suggestion
 * is never offered; one the exercise runner takes or holds back is not offered either. What became of each
 * offer is recorded in the {@link OfferLog}, so that one the hub stopped in the middle of is offered again.
 */
public final class PromptDelivery extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(PromptDelivery.class);

  private final PromptSender sender;
  private final SuggestionClaims claims;
  private final OfferLog offers;
  private final Clock clock;
  private final MeterRegistry meters;

  /** How an offer ended: the prompt delivered, or what it is recorded as. */
  private record Ended(Optional<Prompt> prompt, String outcome) {
    static Ended without(String outcome) {
      return new Ended(Optional.empty(), outcome);
    }
  }

  public PromptDelivery(PromptSender sender, SuggestionClaims claims, OfferLog offers, Clock clock, MeterRegistry meters) {
    this.sender = sender;
    this.claims = claims;
    this.offers = offers;
    this.clock = clock;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Suggestion>consumer(Addresses.SUGGESTIONS.name(), m -> deliver(m.body())).completion();
  }

  /** Offers the suggestion unless it is claimed; completes with the prompt delivered, if one was. */
  public Future<Optional<Prompt>> deliver(Suggestion suggestion) {
    return claims.claim(suggestion)
        .recover(e -> {
          log.warn("Cannot ask the exercise runner about suggestion {}: {}", suggestion.id(), e.getMessage());
          return Future.succeededFuture(SuggestionClaims.Claim.OFFER);
        })
        .compose(claim -> switch (claim) {
          case TAKEN -> Future.succeededFuture(Ended.without("taken"));
          case HOLD -> Future.succeededFuture(undelivered(suggestion, "exercise_running", "an exercise is running"));
          case OFFER -> offer(suggestion, suggestion.channels(), 0);
        })
        .compose(ended -> offers.record(suggestion.id(), ended.outcome(), clock.instant())
            .recover(e -> {
              log.warn("Cannot record the offer of suggestion {}: {}", suggestion.id(), e.getMessage());
              return Future.succeededFuture();
            })
            .map(recorded -> ended.prompt()));
  }

  private Future<Ended> offer(Suggestion s, List<String> channels, int index) {
    if (!clock.instant().isBefore(s.expiresAt())) {
      return Future.succeededFuture(undelivered(s, "expired", "it expired at " + s.expiresAt()));
    }
    if (index >= channels.size()) {
      return Future.succeededFuture(undelivered(s, "no_channel", channels.isEmpty() ? "it names no channel"
          : "none of its channels " + channels + " is running and delivered it"));
    }
    String channel = channels.get(index);
    if (!sender.available(channel)) {
      return offer(s, channels, index + 1);
    }
    Prompt prompt = new Prompt(UUID.randomUUID().toString(), s.person(), channel, Prompt.Kind.OFFER, s.id(),
        s.exerciseId(), s.title(), s.words(), 0, 0, 0);
    return sender.send(prompt)
        .map(sent -> new Ended(Optional.of(sent), channel))
        .recover(failure -> offer(s, channels, index + 1));
  }

  private Ended undelivered(Suggestion s, String reason, String why) {
    meters.counter(Meters.SUGGESTIONS_UNDELIVERED, Meters.TAG_REASON, reason).increment();
    log.info("Suggestion {} for {} ({}) is not offered: {}", s.id(), s.person(), s.title(), why);
    return Ended.without("undelivered:" + reason);
  }
}

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
 * is never offered; one the exercise runner takes or holds back is not offered either.
 */
public final class PromptDelivery extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(PromptDelivery.class);

  private final PromptSender sender;
  private final SuggestionClaims claims;
  private final Clock clock;
  private final MeterRegistry meters;

  public PromptDelivery(PromptSender sender, SuggestionClaims claims, Clock clock, MeterRegistry meters) {
    this.sender = sender;
    this.claims = claims;
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
          case TAKEN -> Future.succeededFuture(Optional.empty());
          case HOLD -> {
            undelivered(suggestion, "exercise_running", "an exercise is running");
            yield Future.succeededFuture(Optional.empty());
          }
          case OFFER -> offer(suggestion, suggestion.channels(), 0);
        });
  }

  private Future<Optional<Prompt>> offer(Suggestion s, List<String> channels, int index) {
    if (!clock.instant().isBefore(s.expiresAt())) {
      undelivered(s, "expired", "it expired at " + s.expiresAt());
      return Future.succeededFuture(Optional.empty());
    }
    if (index >= channels.size()) {
      undelivered(s, "no_channel", channels.isEmpty() ? "it names no channel"
          : "none of its channels " + channels + " is running and delivered it");
      return Future.succeededFuture(Optional.empty());
    }
    String channel = channels.get(index);
    if (!sender.available(channel)) {
      return offer(s, channels, index + 1);
    }
    Prompt prompt = new Prompt(UUID.randomUUID().toString(), s.person(), channel, Prompt.Kind.OFFER, s.id(),
        s.exerciseId(), s.title(), s.words(), 0, 0, 0);
    return sender.send(prompt)
        .map(Optional::of)
        .recover(failure -> offer(s, channels, index + 1));
  }

  private void undelivered(Suggestion s, String reason, String why) {
    meters.counter(Meters.SUGGESTIONS_UNDELIVERED, Meters.TAG_REASON, reason).increment();
    log.info("Suggestion {} for {} ({}) is not offered: {}", s.id(), s.person(), s.title(), why);
  }
}

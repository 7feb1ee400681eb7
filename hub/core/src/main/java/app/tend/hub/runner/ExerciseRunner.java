package app.tend.hub.runner;

import app.tend.api.Addresses;
import app.tend.api.ChannelCapability;
import app.tend.api.Meters;
import app.tend.api.exercise.Exercise;
import app.tend.api.exercise.Need;
import app.tend.api.message.Feedback;
import app.tend.api.message.Intent;
import app.tend.api.message.Prompt;
import app.tend.api.message.Suggestion;
import app.tend.hub.channels.PromptSender;
import app.tend.hub.channels.SuggestionClaims;
import app.tend.hub.config.RunnerConfig;
import app.tend.hub.exercise.ExerciseCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs guided exercises, one per person at a time, each on one channel ({@link GuidedRun}).
 *
 * <p>An exercise starts when a person asks for one by name ({@code START_EXERCISE} with slot
 * {@code exercise}), says they feel stressed or asks for one without naming it (the runner then takes the
 * coach's pick: the suggestion the coach makes in answer), says yes to the offer on the table (an
 * {@code ACCEPT} intent, or {@code ACCEPTED} feedback from a channel), or through {@link #start}. It is
 * guided on the channel named in the intent's slot {@code channel} (as the REST API sends), else the
 * channel of the plugin the person spoke to, else the channel the offer was made on, else the first
 * running channel of the person's; an exercise that needs a voice only on a channel that speaks. A channel
 * that cannot say the first step (no speaker for that person) hands the run to the next of those. {@code PAUSE}, {@code RESUME} and {@code STOP} act on the
 * running exercise; {@code RATE_DISTRESS} answers its check-in (or, with none, is a rating on its own), and
 * {@code NO_ANSWER} from the channel ends the check-in without one. Publishes STARTED, COMPLETED or
 * ABANDONED, and RATED feedback for the coach's closed loop. A start that cannot happen is logged once, with
 * the reason.
 */
public final class ExerciseRunner extends VerticleBase implements SuggestionClaims {

  private static final Logger log = LoggerFactory.getLogger(ExerciseRunner.class);

  /** An offer delivered and not answered yet: what "yes" refers to. */
  private record Offer(Suggestion suggestion, String channel) {}

  /** A person asked for an exercise without naming one: the coach's next suggestion is run. */
  private record Ask(String channel, long timer) {}

  private final ExerciseCatalogue catalogue;
  private final PromptSender sender;
  private final Predicate<String> knownPerson;
  private final Function<String, List<String>> channelsOf;
  private final Clock clock;
  private final Timers timers;
  private final RunnerConfig config;
  private final MeterRegistry meters;
  private final Map<String, GuidedRun> runs = new HashMap<>();
  private final Map<String, Offer> offers = new HashMap<>();
  private final Map<String, Ask> asks = new HashMap<>();

  /**
   * @param knownPerson whether a person id is configured (checked for {@link #start} only: voice plugins map their own)
   * @param channelsOf a person's channels in order of preference
   * @param timers the timers pacing the steps; their tasks must run on this verticle's context
   */
  public ExerciseRunner(ExerciseCatalogue catalogue, PromptSender sender, Predicate<String> knownPerson,
      Function<String, List<String>> channelsOf, Clock clock, Timers timers, RunnerConfig config, MeterRegistry meters) {
    this.catalogue = catalogue;
    this.sender = sender;
    this.knownPerson = knownPerson;
    this.channelsOf = channelsOf;
    this.clock = clock;
    this.timers = timers;
    this.config = config;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    return Future.all(
        bus.<Intent>consumer(Addresses.INTENTS.name(), m -> onIntent(m.body())).completion(),
        bus.<Feedback>consumer(Addresses.FEEDBACK.name(), m -> onFeedback(m.body())).completion(),
        bus.<Prompt>consumer(Addresses.PROMPTS.name(), m -> onPrompt(m.body())).completion());
  }

  @Override
  public Future<?> stop() {
    List.copyOf(runs.values()).forEach(GuidedRun::cancel);
    asks.values().forEach(ask -> timers.cancel(ask.timer()));
    asks.clear();
    return Future.succeededFuture();
  }

  /**
   * Starts an exercise for the REST API.
   *
   * @param channel the channel to guide it on; null or blank for the person's first running channel
   * @param suggestionId the suggestion it answers, or null
   * @return the run as it started; fails with {@link StartRefusedException} naming what was wrong
   */
  public Future<RunInfo> start(String person, String exerciseId, String channel, String suggestionId) {
    return onContext(() -> {
      if (person == null || !knownPerson.test(person)) {
        return refused(StartRefusedException.Reason.UNKNOWN_PERSON, "no person '" + person + "' is configured");
      }
      Optional<Exercise> exercise = catalogue.find(exerciseId);
      if (exercise.isEmpty()) {
        return refused(StartRefusedException.Reason.UNKNOWN_EXERCISE,
            "no exercise '" + exerciseId + "' is in the catalogue");
      }
      boolean named = channel != null && !channel.isBlank();
      if (named && !sender.available(channel)) {
        return refused(StartRefusedException.Reason.UNKNOWN_CHANNEL,
            "no running plugin serves the channel '" + channel + "'");
      }
      return begin(person, exercise.get(), named ? channel : null, suggestionId, List.of(), null);
    });
  }

  /** The exercise a person is doing, if any. */
  public Future<Optional<RunInfo>> current(String person) {
    return onContext(() -> Future.succeededFuture(Optional.ofNullable(runs.get(person)).map(GuidedRun::info)));
  }

  @Override
  public Future<Claim> claim(Suggestion suggestion) {
    return onContext(() -> Future.succeededFuture(claimNow(suggestion)));
  }

  // ---- inputs ----------------------------------------------------------------------------------

  private Claim claimNow(Suggestion s) {
    String person = s.person();
    if (runs.containsKey(person)) {
      return Claim.HOLD;
    }
    Ask ask = asks.remove(person);
    Optional<Exercise> exercise = catalogue.find(s.exerciseId());
    if (ask != null && exercise.isPresent()) {
      timers.cancel(ask.timer());
      Future<RunInfo> started = begin(person, exercise.get(), ask.channel(), s.id(), s.channels(), null);
      if (started.succeeded()) {
        return Claim.TAKEN;
      }
    }
    offers.put(person, new Offer(s, null));
    return Claim.OFFER;
  }

  private void onIntent(Intent intent) {
    String person = intent.person();
    String reply = sender.channelOf(intent.source()).orElse(null);
    switch (intent.kind()) {
      case START_EXERCISE -> {
        Optional<Exercise> named = catalogue.named(intent.slots().get("exercise"));
        // The API names a channel in the slot; a voice plugin is heard on its own.
        String on = intent.slots().getOrDefault("channel", reply);
        if (named.isPresent()) {
          begin(person, named.get(), on, "", List.of(), reply);
        } else {
          ask(person, on);
        }
      }
      case FEELING_STRESSED -> ask(person, reply);
      case ACCEPT -> accept(person, "", reply);
      case DECLINE, SNOOZE -> offers.remove(person);
      case PAUSE -> run(person).ifPresent(GuidedRun::pause);
      case RESUME -> run(person).ifPresent(GuidedRun::resume);
      case STOP -> {
        cancelAsk(person);
        run(person).ifPresent(GuidedRun::stop);
      }
      case RATE_DISTRESS -> rate(intent, reply);
      case NO_ANSWER -> run(person).ifPresent(run -> run.unanswered(intent.slots().get("prompt"), intent.source()));
      default -> {
        // Session intents are the schedule's.
      }
    }
  }

  private void onFeedback(Feedback f) {
    switch (f.kind()) {
      case ACCEPTED -> accept(f.person(), f.suggestionId(), f.channel());
      case DISMISSED, SNOOZED -> offers.computeIfPresent(f.person(),
          (p, offer) -> f.suggestionId().isEmpty() || f.suggestionId().equals(offer.suggestion().id()) ? null : offer);
      case RATED -> run(f.person())
          .filter(run -> run.checkingIn() && (f.exerciseId().isEmpty() || f.exerciseId().equals(run.exercise().id())))
          .ifPresent(run -> run.rated(null));
      default -> {
        // STARTED, COMPLETED and ABANDONED are the runner's own.
      }
    }
  }

  private void onPrompt(Prompt prompt) {
    if (prompt.kind() == Prompt.Kind.OFFER) {
      offers.computeIfPresent(prompt.person(), (p, offer) -> offer.suggestion().id().equals(prompt.suggestionId())
          ? new Offer(offer.suggestion(), prompt.channel()) : offer);
    }
  }

  private void ask(String person, String reply) {
    GuidedRun running = runs.get(person);
    if (running != null) {
      notice(person, reply != null ? reply : running.channel(), Phrases.alreadyRunning(running.exercise().title()));
      return;
    }
    cancelAsk(person);
    long timer = timers.after(config.pickSeconds() * 1000L, () -> {
      Ask expired = asks.get(person);
      if (expired != null && asks.remove(person, expired)) {
        log.info("The coach picked no exercise for {} within {} s", person, config.pickSeconds());
        String channel = expired.channel() != null ? expired.channel() : firstRunning(channelsOf.apply(person));
        if (channel != null) {
          notice(person, channel, Phrases.NO_PICK);
        }
      }
    });
    asks.put(person, new Ask(reply, timer));
  }

  private void cancelAsk(String person) {
    Ask ask = asks.remove(person);
    if (ask != null) {
      timers.cancel(ask.timer());
    }
  }

  private void accept(String person, String suggestionId, String channel) {
    Offer offer = offers.get(person);
    if (offer == null || (!suggestionId.isEmpty() && !suggestionId.equals(offer.suggestion().id()))) {
      return;
    }
    offers.remove(person);
    Suggestion s = offer.suggestion();
    if (!clock.instant().isBefore(s.expiresAt())) {
      log.info("{} accepted suggestion {} after it expired; nothing is started", person, s.id());
      return;
    }
    Optional<Exercise> exercise = catalogue.find(s.exerciseId());
    if (exercise.isEmpty()) {
      log.warn("Suggestion {} names exercise {}, which is not in the catalogue", s.id(), s.exerciseId());
      return;
    }
    String on = channel != null && sender.available(channel) ? channel : offer.channel();
    begin(person, exercise.get(), on, s.id(), s.channels(), channel);
  }

  private void rate(Intent intent, String reply) {
    Optional<Integer> rating = rating(intent.slots().get("rating"));
    if (rating.isEmpty()) {
      log.info("A rating from {} via {} carried no number from 0 to 10: {}", intent.person(), intent.source(), intent.slots());
      return;
    }
    Optional<GuidedRun> run = run(intent.person());
    if (run.isPresent()) {
      run.get().rated(rating.get());
    } else {
      publish(new Feedback(intent.person(), "", "", Feedback.Kind.RATED, rating.get(), null,
          reply != null ? reply : intent.source(), clock.instant()));
    }
  }

  // ---- runs ------------------------------------------------------------------------------------

  /**
   * Starts a run unless the person has one.
   *
   * @param channel the channel asked for, or null
   * @param fallback channels to try when that one is not running, before the person's own
   * @param noticeChannel where to say "an exercise is already running", or null to say nothing
   */
  private Future<RunInfo> begin(String person, Exercise exercise, String channel, String suggestionId,
      List<String> fallback, String noticeChannel) {
    GuidedRun running = runs.get(person);
    if (running != null) {
      if (noticeChannel != null) {
        notice(person, noticeChannel, Phrases.alreadyRunning(running.exercise().title()));
      }
      return refused(StartRefusedException.Reason.ALREADY_RUNNING, "not starting " + exercise.id() + ": " + person
          + " is doing " + running.exercise().id() + " already (" + doing(running) + " on " + running.channel() + ")");
    }
    // Asked for first, then the offer's channels, then the person's own; a voice exercise only where it is heard.
    List<String> candidates = new ArrayList<>(new LinkedHashSet<>(Stream.of(
        channel == null ? List.<String>of() : List.of(channel), fallback, channelsOf.apply(person))
        .flatMap(List::stream).toList()));
    candidates.removeIf(c -> !sender.available(c) || !canGuide(exercise, c));
    String on = candidates.isEmpty() ? null : candidates.remove(0);
    if (on == null) {
      return refused(StartRefusedException.Reason.NO_CHANNEL, "not starting " + exercise.id() + ": none of "
          + person + "'s channels " + channelsOf.apply(person) + " is running"
          + (exercise.needs().contains(Need.VOICE) ? " with a voice, which it needs" : ""));
    }
    cancelAsk(person);
    offers.remove(person);
    GuidedRun.Listener listener = new GuidedRun.Listener() {
      @Override
      public void feedback(Feedback feedback) {
        publish(feedback);
      }

      @Override
      public void ended(GuidedRun ended) {
        runs.remove(ended.person(), ended);
      }
    };
    GuidedRun run = new GuidedRun(person, exercise, on, candidates, suggestionId, sender, timers, clock, config, listener);
    runs.put(person, run);
    log.info("Guiding {} through {} on {}", person, exercise.id(), on);
    run.begin();
    return Future.succeededFuture(run.info());
  }

  private Optional<GuidedRun> run(String person) {
    return Optional.ofNullable(runs.get(person));
  }

  private boolean canGuide(Exercise exercise, String channel) {
    return !exercise.needs().contains(Need.VOICE) || sender.capabilities(channel).contains(ChannelCapability.VOICE);
  }

  private String firstRunning(List<String> channels) {
    return channels.stream().filter(sender::available).findFirst().orElse(null);
  }

  /** Says the text on the channel; on the channel of the person's run, between its steps' words. */
  private void notice(String person, String channel, String text) {
    GuidedRun running = runs.get(person);
    if (running != null && running.channel().equals(channel)) {
      running.tell(text);
      return;
    }
    sender.send(new Prompt(UUID.randomUUID().toString(), person, channel, Prompt.Kind.NOTICE, "", "", "", text, 0, 0, 0));
  }

  private void publish(Feedback feedback) {
    switch (feedback.kind()) {
      case COMPLETED -> meters.counter(Meters.EXERCISES_FINISHED, Meters.TAG_OUTCOME, "completed").increment();
      case ABANDONED -> meters.counter(Meters.EXERCISES_FINISHED, Meters.TAG_OUTCOME, "abandoned").increment();
      default -> {
        // only the ends are counted
      }
    }
    vertx.eventBus().publish(Addresses.FEEDBACK.name(), feedback);
  }

  private static Optional<Integer> rating(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      long value = Math.round(Double.parseDouble(text.trim()));
      return value < 0 || value > 10 ? Optional.empty() : Optional.of((int) value);
    } catch (NumberFormatException e) {
      // "very bad" is no rating; the caller logs that the intent carried none.
      return Optional.empty();
    }
  }

  private static String doing(GuidedRun run) {
    return switch (run.phase()) {
      case CHECKING_IN -> "waiting for the rating at its check-in";
      case PAUSED -> "paused at step " + run.info().step();
      default -> "at step " + run.info().step() + " of " + run.info().steps();
    };
  }

  /** A start that cannot happen: logged here, once, and the reason handed back. */
  private static <T> Future<T> refused(StartRefusedException.Reason reason, String message) {
    if (reason == StartRefusedException.Reason.NO_CHANNEL) {
      log.warn("Cannot guide an exercise: {}", message);
    } else {
      log.info("Cannot guide an exercise: {}", message);
    }
    return Future.failedFuture(new StartRefusedException(reason, message));
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(ignored -> {
      try {
        work.get().onComplete(done);
      } catch (RuntimeException e) {
        done.fail(e);
      }
    });
    return done.future();
  }
}

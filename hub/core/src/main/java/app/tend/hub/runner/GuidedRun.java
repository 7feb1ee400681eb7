package app.tend.hub.runner;

import app.tend.api.ChannelCapability;
import app.tend.api.exercise.Exercise;
import app.tend.api.exercise.ExerciseKind;
import app.tend.api.exercise.Need;
import app.tend.api.exercise.Step;
import app.tend.api.message.Feedback;
import app.tend.api.message.Prompt;
import app.tend.hub.channels.PromptSender;
import app.tend.hub.config.RunnerConfig;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exercise guided on one channel: each step as a STEP prompt, held for the step's time once said,
 * then a CHECK_IN. Pause, resume and stop act between or during steps. Not thread-safe: the runner's
 * event loop owns it.
 *
 * <p>A breathing pattern keeps its rhythm: its step's time counts from when the step began to be said,
 * so a four-count breath lasts four seconds however long the words took. Other steps are held for their
 * full time after the words. A channel that {@linkplain ChannelCapability#PACES_ITSELF paces itself}
 * gets the next step as soon as it took the previous one; its steps are over only when it has said the
 * check-in after them, so COMPLETED waits for that delivery. A check-in ends with a rating, "stop", the
 * channel's word that no answer will come, or after {@code checkInMinutes}.
 *
 * <p>A notice for the run's own channel ("you're in the middle of …") never talks over a step: one that
 * comes while a step is said waits until its words are over, one that comes in a step's hold is said in
 * the hold and the next step waits for it.
 */
final class GuidedRun {

  private static final Logger log = LoggerFactory.getLogger(GuidedRun.class);

  /** Told what the run decided. */
  interface Listener {
    /** Feedback to publish. */
    void feedback(Feedback feedback);

    /** The run is over (completed and checked in, abandoned, or stopped). */
    void ended(GuidedRun run);
  }

  enum Phase { SAYING, HOLDING, PAUSED, CHECKING_IN, ENDED }

  private final String person;
  private final Exercise exercise;
  private String channel;
  /** Where the run goes next if the channel cannot say the first step (none of it reached the person yet). */
  private final Deque<String> fallbacks;
  private final String suggestionId;
  private final PromptSender sender;
  private final Timers timers;
  private final Clock clock;
  private final RunnerConfig config;
  private final Listener listener;
  private final Instant startedAt;
  private int step;
  private Phase phase = Phase.SAYING;
  /** Bumped whenever what is in flight (a delivery, a timer) stops mattering. */
  private int token;
  private long timer = -1;
  private Instant stepStartedAt;
  /** The check-in prompt's id once it is asked. */
  private String checkInId;
  private boolean completed;
  /** Notices that came while a step was being said. */
  private final Deque<String> notices = new ArrayDeque<>();
  /** The notices being said in a hold; the next step waits for them. */
  private Future<Void> speaking = Future.succeededFuture();

  GuidedRun(String person, Exercise exercise, String channel, List<String> fallbacks, String suggestionId,
      PromptSender sender, Timers timers, Clock clock, RunnerConfig config, Listener listener) {
    this.person = person;
    this.exercise = exercise;
    this.channel = channel;
    this.fallbacks = new ArrayDeque<>(fallbacks);
    this.suggestionId = suggestionId == null ? "" : suggestionId;
    this.sender = sender;
    this.timers = timers;
    this.clock = clock;
    this.config = config;
    this.listener = listener;
    this.startedAt = clock.instant();
  }

  /** Says STARTED and the first step. */
  void begin() {
    feedback(Feedback.Kind.STARTED, null);
    say();
  }

  String person() {
    return person;
  }

  String channel() {
    return channel;
  }

  Exercise exercise() {
    return exercise;
  }

  String suggestionId() {
    return suggestionId;
  }

  Phase phase() {
    return phase;
  }

  RunInfo info() {
    boolean steps = phase != Phase.CHECKING_IN && phase != Phase.ENDED;
    return new RunInfo(person, exercise.id(), channel, suggestionId, startedAt, steps ? step + 1 : 0,
        exercise.steps().size(), phase == Phase.PAUSED);
  }

  /** Says a notice on the run's channel between the words of its steps. */
  void tell(String text) {
    switch (phase) {
      case SAYING -> notices.add(text);
      case HOLDING -> speaking = speaking.transform(ignored -> notice(text));
      default -> notice(text);
    }
  }

  /** "Pause": holds the exercise at the current step, which is said again on resume. */
  void pause() {
    if (phase != Phase.SAYING && phase != Phase.HOLDING) {
      return;
    }
    int t = invalidate();
    phase = Phase.PAUSED;
    notice(Phrases.PAUSED);
    timer = timers.after(Duration.ofMinutes(config.pauseMinutes()).toMillis(), () -> {
      timer = -1;
      if (t == token) {
        abandon("it stayed paused for " + config.pauseMinutes() + " minutes", false);
      }
    });
  }

  /** "Resume": says the step it was paused at again and goes on from there. */
  void resume() {
    if (phase == Phase.PAUSED) {
      say();
    }
  }

  /** "Stop": abandons the exercise, or ends the check-in without a rating. */
  void stop() {
    if (phase == Phase.CHECKING_IN) {
      end();
    } else if (phase != Phase.ENDED) {
      abandon("the person stopped it", true);
    }
  }

  /** True while the check-in waits for a rating. */
  boolean checkingIn() {
    return phase == Phase.CHECKING_IN;
  }

  /** Ends the check-in once a rating came; {@code distress} is published as RATED unless null. */
  void rated(Integer distress) {
    if (phase == Phase.CHECKING_IN) {
      // A rating while a self-pacing channel still counts its speech: the speech is over.
      complete();
    }
    if (distress != null) {
      feedback(Feedback.Kind.RATED, distress);
    }
    if (phase == Phase.CHECKING_IN) {
      end();
    }
  }

  /**
   * The channel says the check-in got no usable answer and its dialogue is over: the check-in ends without
   * a rating.
   *
   * @param promptId the check-in it is about, or null for whichever is open
   * @return false when this run asked no such check-in
   */
  boolean unanswered(String promptId, String source) {
    if (phase != Phase.CHECKING_IN || (promptId != null && !promptId.equals(checkInId))) {
      return false;
    }
    log.info("{} gave no usable rating after {} ({} says the dialogue is over); the check-in ends", person,
        exercise.id(), source);
    end();
    return true;
  }

  /** Ends the run without a word (the hub stops). */
  void cancel() {
    end();
  }

  // ---------------------------------------------------------------------------------------------

  private void say() {
    int t = invalidate();
    phase = Phase.SAYING;
    stepStartedAt = clock.instant();
    Step current = exercise.steps().get(step);
    Prompt prompt = new Prompt(UUID.randomUUID().toString(), person, channel, Prompt.Kind.STEP, suggestionId,
        exercise.id(), exercise.title(), current.say(), step + 1, exercise.steps().size(), current.seconds());
    sender.send(prompt).onComplete(done -> {
      if (t != token) {
        return;
      }
      if (done.failed()) {
        String next = step == 0 ? nextFallback() : null;
        if (next != null) {
          log.info("{} of {}: channel {} could not say the first step ({}); guiding it on {} instead", exercise.id(),
              person, channel, done.cause().getMessage(), next);
          channel = next;
          say();
          return;
        }
        abandon("channel " + channel + " could not say step " + (step + 1) + ": " + done.cause().getMessage(), false);
        return;
      }
      speaking = sayWaitingNotices();
      speaking.onComplete(said -> {
        if (t != token) {
          return;
        }
        phase = Phase.HOLDING;
        timer = timers.after(holdMillis(current), () -> {
          timer = -1;
          if (t == token) {
            speaking.onComplete(ignored -> {
              if (t == token) {
                next();
              }
            });
          }
        });
      });
    });
  }

  /** Says the notices that waited for the step's words, one after another; a failed one is not retried. */
  private Future<Void> sayWaitingNotices() {
    String text = notices.poll();
    return text == null ? Future.succeededFuture() : notice(text).transform(ignored -> sayWaitingNotices());
  }

  /** The next fallback that is running and can guide this exercise (a voice exercise needs a voice), if any. */
  private String nextFallback() {
    while (!fallbacks.isEmpty()) {
      String candidate = fallbacks.poll();
      if (!candidate.equals(channel) && sender.available(candidate) && (!exercise.needs().contains(Need.VOICE)
          || sender.capabilities(candidate).contains(ChannelCapability.VOICE))) {
        return candidate;
      }
    }
    return null;
  }

  private boolean pacesItself() {
    return sender.capabilities(channel).contains(ChannelCapability.PACES_ITSELF);
  }

  private long holdMillis(Step current) {
    if (pacesItself()) {
      return 0;
    }
    long millis = current.seconds() * 1000L;
    if (exercise.kind() == ExerciseKind.BREATHING) {
      millis -= Duration.between(stepStartedAt, clock.instant()).toMillis();
    }
    return Math.max(0, millis);
  }

  private void next() {
    step++;
    if (step < exercise.steps().size()) {
      say();
    } else {
      checkIn();
    }
  }

  private void checkIn() {
    if (!pacesItself()) {
      complete();
    }
    int t = invalidate();
    phase = Phase.CHECKING_IN;
    checkInId = UUID.randomUUID().toString();
    Prompt prompt = new Prompt(checkInId, person, channel, Prompt.Kind.CHECK_IN, suggestionId,
        exercise.id(), exercise.title(), Phrases.CHECK_IN, 0, 0, 0);
    sender.send(prompt).onComplete(done -> {
      if (t != token) {
        return;
      }
      complete();
      if (done.failed()) {
        end();
        return;
      }
      timer = timers.after(Duration.ofMinutes(config.checkInMinutes()).toMillis(), () -> {
        timer = -1;
        if (t == token) {
          log.info("{} gave no rating after {}; the check-in ends", person, exercise.id());
          end();
        }
      });
    });
  }

  private void abandon(String why, boolean tell) {
    log.info("{} of {} on {} abandoned at step {}: {}", exercise.id(), person, channel, step + 1, why);
    feedback(Feedback.Kind.ABANDONED, null);
    end();
    if (tell) {
      notice(Phrases.STOPPED);
    }
  }

  /** Publishes COMPLETED once: the steps are said. */
  private void complete() {
    if (!completed) {
      completed = true;
      feedback(Feedback.Kind.COMPLETED, null);
    }
  }

  private void end() {
    if (phase == Phase.ENDED) {
      return;
    }
    if (phase == Phase.CHECKING_IN) {
      complete();
    }
    invalidate();
    phase = Phase.ENDED;
    listener.ended(this);
  }

  private int invalidate() {
    if (timer >= 0) {
      timers.cancel(timer);
      timer = -1;
    }
    return ++token;
  }

  private Future<Void> notice(String text) {
    return sender.send(new Prompt(UUID.randomUUID().toString(), person, channel, Prompt.Kind.NOTICE, suggestionId,
        exercise.id(), exercise.title(), text, 0, 0, 0)).mapEmpty();
  }

  private void feedback(Feedback.Kind kind, Integer distress) {
    listener.feedback(new Feedback(person, suggestionId, exercise.id(), kind, distress, null, channel, clock.instant()));
  }
}

package app.tend.hub.coach;

import app.tend.api.DailyWindow;
import app.tend.api.exercise.Exercise;
import app.tend.api.exercise.Need;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.StressLevel;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Picks the exercise to offer: of those that fit the moment and the person, the one a Thompson sample
 * of each belief says lowers stress most. Exercises that helped this person are picked more often as
 * evidence grows, while the others still get a fair chance early on.
 */
final class Picker {

  /** The moment an exercise is picked for. */
  record Moment(StressLevel level, ScheduleState state, LocalTime localTime, boolean quiet, boolean voiceChannel,
      DailyWindow daylight, Set<String> excluded) {}

  private final EffectBook book;
  private final Random random;

  Picker(EffectBook book, Random random) {
    this.book = book;
    this.random = random;
  }

  /** The exercises that fit the moment and are not excluded (disliked, dismissed today). */
  static List<Exercise> candidates(Collection<Exercise> all, Moment moment) {
    return all.stream().filter(e -> fits(e, moment)).toList();
  }

  static boolean fits(Exercise e, Moment m) {
    if (m.excluded().contains(e.id())) {
      return false;
    }
    if (!e.fits().levels().contains(m.level()) || !e.fits().states().contains(m.state())) {
      return false;
    }
    if (!e.fits().window().contains(m.localTime())) {
      return false;
    }
    for (Need need : e.needs()) {
      boolean met = switch (need) {
        case VOICE -> m.voiceChannel() && !m.quiet();
        case OUTDOORS -> !m.quiet();
        case DAYLIGHT -> m.daylight().contains(m.localTime());
        case PRIVACY -> true;
      };
      if (!met) {
        return false;
      }
    }
    return true;
  }

  /** Draws from every candidate's belief and returns the one with the lowest (best) draw. */
  Optional<Exercise> pick(String person, List<Exercise> candidates) {
    Exercise best = null;
    double bestDraw = Double.POSITIVE_INFINITY;
    for (Exercise exercise : candidates) {
      EffectBook.Belief belief = book.belief(person, exercise);
      double draw = belief.mean() + belief.sd() * random.nextGaussian();
      if (draw < bestDraw) {
        bestDraw = draw;
        best = exercise;
      }
    }
    return Optional.ofNullable(best);
  }
}

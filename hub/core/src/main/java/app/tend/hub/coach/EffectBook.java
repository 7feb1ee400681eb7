package app.tend.hub.coach;

import app.tend.api.exercise.Exercise;
import app.tend.api.exercise.Prior;
import app.tend.hub.store.LearnedEffect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the coach has learned per person and exercise, and the belief that follows: a normal model of
 * the change of the stress score, starting from the library's prior and sharpened by every measured
 * outcome.
 */
final class EffectBook {

  /** The belief about one exercise for one person: a mean change and how unsure it is. */
  record Belief(double mean, double sd) {}

  private final Map<String, Map<String, LearnedEffect>> effects = new HashMap<>();

  void put(LearnedEffect effect) {
    effects.computeIfAbsent(effect.person(), p -> new HashMap<>()).put(effect.exerciseId(), effect);
  }

  void forget(String person) {
    effects.remove(person);
  }

  /** Adds a measured change and returns the updated effect. */
  LearnedEffect add(String person, String exerciseId, double change, Instant at) {
    LearnedEffect updated = get(person, exerciseId).plus(change, at);
    put(updated);
    return updated;
  }

  LearnedEffect get(String person, String exerciseId) {
    return effects.getOrDefault(person, Map.of()).getOrDefault(exerciseId, LearnedEffect.none(person, exerciseId));
  }

  /** Every effect learned for a person, by exercise id. */
  List<LearnedEffect> of(String person) {
    List<LearnedEffect> list = new ArrayList<>(effects.getOrDefault(person, Map.of()).values());
    list.sort(Comparator.comparing(LearnedEffect::exerciseId));
    return list;
  }

  /**
   * The posterior belief: the prior counts as {@code weight} outcomes of mean {@code meanChange}; the
   * spread of one outcome is taken as the prior's {@code sdChange}.
   */
  Belief belief(String person, Exercise exercise) {
    Prior prior = exercise.prior();
    LearnedEffect learned = get(person, exercise.id());
    double n = prior.weight() + learned.count();
    double mean = (prior.weight() * prior.meanChange() + learned.count() * learned.mean()) / n;
    return new Belief(mean, prior.sdChange() / Math.sqrt(n));
  }
}

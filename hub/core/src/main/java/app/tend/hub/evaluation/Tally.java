package app.tend.hub.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Counts labelled seconds and detection delays for one person or a group. */
final class Tally {

  long stress;
  long stressCalled;
  long rest;
  long restCalled;
  long activity;
  long activityCalled;
  final List<Double> detectSeconds = new ArrayList<>();

  void add(Tally other) {
    stress += other.stress;
    stressCalled += other.stressCalled;
    rest += other.rest;
    restCalled += other.restCalled;
    activity += other.activity;
    activityCalled += other.activityCalled;
    detectSeconds.addAll(other.detectSeconds);
  }

  Double balancedAccuracy() {
    if (stress == 0 || rest == 0) {
      return null;
    }
    return 0.5 * ((double) stressCalled / stress + 1 - (double) restCalled / rest);
  }

  Double activityFalseStressRate() {
    return activity == 0 ? null : (double) activityCalled / activity;
  }

  /** The median delay; undetected phases are infinite, so more than half undetected gives null. */
  Double medianDetectSeconds() {
    if (detectSeconds.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(detectSeconds);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return Double.isFinite(median) ? median : null;
  }
}

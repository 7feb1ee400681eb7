package app.tend.hub.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the one line a person reads with a stress state, from what the engine saw. */
final class Reasons {

  private Reasons() {}

  static String of(StressEngine e) {
    return switch (e.level()) {
      case UNKNOWN -> e.judgedSecond() == Long.MIN_VALUE
          ? "no signal yet"
          : "no heart-rate or skin-conductance signal for " + duration(e.silentSeconds());
      case ACTIVE -> active(e);
      case CALM -> withLearning(e, "close to your calm level");
      case ELEVATED, HIGH -> withLearning(e, stressed(e));
    };
  }

  private static String active(StressEngine e) {
    String hr = hrPart(e);
    if (e.activeNow()) {
      String what = e.stepsPerMinute() > 0 ? String.format(Locale.ROOT, "moving (%.0f steps a minute)", e.stepsPerMinute())
          : "moving";
      return hr.isEmpty() ? what : what + ", " + hr;
    }
    return hr.isEmpty() ? "recovering from activity" : "recovering from activity, " + hr;
  }

  private static String stressed(StressEngine e) {
    List<String> parts = new ArrayList<>();
    String hr = hrPart(e);
    if (!hr.isEmpty()) {
      parts.add(hr);
    }
    if (e.z(Feature.HRV) < -1) {
      parts.add("heart-rate variability down");
    }
    if (e.z(Feature.SCR) > 1) {
      parts.add(String.format(Locale.ROOT, "%.0f skin-conductance responses a minute", e.raw(Feature.SCR)));
    } else if (e.z(Feature.EDA) > 1 || e.z(Feature.EDA_SLOPE) > 1 || e.z(Feature.EDA_RISE) > 1) {
      parts.add("skin conductance up");
    }
    if (e.z(Feature.TEMP_SLOPE) < -1) {
      parts.add("skin cooling");
    }
    return parts.isEmpty() ? "several signals a little above your calm level" : String.join(", ", parts);
  }

  private static String hrPart(StressEngine e) {
    double delta = e.hrDeltaPct();
    if (!(delta >= StressEngine.HR_RAISED_PCT)) {
      return "";
    }
    String text = String.format(Locale.ROOT, "heart rate %.0f%% above your calm level", delta);
    long seconds = e.hrRaisedSeconds();
    return seconds >= 60 ? text + " for " + duration(seconds) : text;
  }

  private static String withLearning(StressEngine e, String text) {
    return e.baselineMaturity() < 1 ? text + " (still learning your calm level)" : text;
  }

  static String duration(long seconds) {
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return (seconds / 60) + " minutes";
    }
    return (seconds / 3600) + " hours";
  }
}

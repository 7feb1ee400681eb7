package app.tend.hub.coach;

import app.tend.api.exercise.Exercise;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.StressState;
import app.tend.hub.store.LearnedEffect;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

/** The words of a suggestion and the reason it gives: why now, and why this exercise. */
final class Words {

  private Words() {}

  /** Why now, for high stress. */
  static String whyNowStress(StressState stress, ScheduleStatus status, Instant now) {
    String body = "your stress reads high" + detail(stress);
    if (status != null && status.session() != null && status.state() == ScheduleState.DECOMPRESS) {
      return "Your therapy session ended " + ago(status.session().end(), now) + ", and " + body + ".";
    }
    if (status != null && status.session() != null && status.state() == ScheduleState.BEFORE_SESSION) {
      return "Your therapy session starts in " + minutes(Duration.between(now, status.session().start())) + ", and "
          + body + ".";
    }
    return capitalise(body) + ".";
  }

  /** Why now, for high stress that was held back by a session or busy time. */
  static String whyNowDeferred(StressState stress, ScheduleStatus status, ScheduleState heldBy, Instant since, Instant now) {
    String where = heldBy == ScheduleState.IN_SESSION ? "you were in your therapy session" : "you were busy";
    String ended = status != null && status.session() != null && status.state() == ScheduleState.DECOMPRESS
        ? " Your session ended " + ago(status.session().end(), now) + "." : "";
    return "Your stress rose " + ago(since, now) + " while " + where + ", and it still reads high" + detail(stress)
        + "." + ended;
  }

  /** Why now, for the offer after a session. */
  static String whyNowDecompress(ScheduleStatus status, Instant now) {
    return "Your therapy session ended " + ago(status.session().end(), now)
        + ". The time right after a session is for letting it settle before the next thing.";
  }

  /** Why now, for a practice reminder. */
  static String whyNowPractice(Exercise exercise, LocalTime slot) {
    return "You chose to practise " + lower(exercise.title()) + " at " + slot
        + "; practising when calm is what makes it work when you need it.";
  }

  /** Why this exercise: what it does, and what it did for this person. */
  static String whyThis(Exercise exercise, LearnedEffect learned) {
    String why = exercise.why().trim();
    if (!why.endsWith(".")) {
      why += ".";
    }
    if (learned.count() >= 2 && learned.mean() < -0.5) {
      why += " For you it lowered your stress score by " + Math.round(-learned.mean()) + " points on average ("
          + learned.count() + " times).";
    } else if (learned.count() == 1 && learned.mean() < -0.5) {
      why += " Last time it lowered your stress score by " + Math.round(-learned.mean()) + " points.";
    }
    return why;
  }

  /** The words to say or show for high stress. */
  static String offerStress(Exercise exercise, ScheduleStatus status, Instant now) {
    if (status != null && status.state() == ScheduleState.DECOMPRESS && status.session() != null) {
      boolean just = Duration.between(status.session().end(), now).toMinutes() < 30;
      return (just ? "Your session just ended" : "Since your session") + " and things seem intense. " + exercise.offer();
    }
    return "You seem stressed right now. " + exercise.offer();
  }

  /** The words to say or show after a session. */
  static String offerDecompress(Exercise exercise) {
    return "Your session is over. Well done for going. " + exercise.offer();
  }

  /** The words of a practice reminder; a streak is mentioned only when there is one, never a missed day. */
  static String offerPractice(Exercise exercise, int streak, boolean practisedYesterday) {
    String words = "Time for a little practice: " + lower(exercise.title()) + ", about " + exercise.minutes()
        + (exercise.minutes() == 1 ? " minute." : " minutes.");
    if (practisedYesterday && streak >= 2) {
      words += " You have practised " + streak + " days in a row.";
    } else if (practisedYesterday && streak == 1) {
      words += " You practised yesterday too.";
    }
    return words + " Whenever you are ready.";
  }

  private static String detail(StressState stress) {
    return stress.reason().isBlank() ? "" : " (" + stress.reason().trim() + ")";
  }

  static String ago(Instant then, Instant now) {
    long minutes = Math.max(0, Duration.between(then, now).toMinutes());
    if (minutes < 1) {
      return "just now";
    }
    return minutes(Duration.ofMinutes(minutes)) + " ago";
  }

  private static String minutes(Duration d) {
    long m = Math.max(1, d.toMinutes());
    if (m >= 120) {
      return (m / 60) + " hours";
    }
    return m + (m == 1 ? " minute" : " minutes");
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String lower(String title) {
    return title.length() > 1 && Character.isUpperCase(title.charAt(0)) && Character.isLowerCase(title.charAt(1))
        ? Character.toLowerCase(title.charAt(0)) + title.substring(1) : title;
  }
}

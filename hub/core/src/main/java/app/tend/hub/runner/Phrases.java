package app.tend.hub.runner;

/** What the runner says besides the exercise's own steps. */
final class Phrases {

  static final String CHECK_IN = "How do you feel now, from 0 for calm to 10 for the worst?";
  static final String PAUSED = "Paused. Say resume when you're ready.";
  static final String STOPPED = "Okay, we'll stop here. Take care.";
  static final String NO_PICK = "I couldn't find an exercise that fits right now. You can name one, for example box breathing.";

  static String alreadyRunning(String title) {
    return "We're in the middle of " + title + ". Say stop if you'd like to end it, or carry on with me.";
  }

  private Phrases() {}
}

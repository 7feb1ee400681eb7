package app.tend.plugins.voice.alexa;

/** Builds the SSML Alexa speaks: escaped text, and pauses as breaks of at most 10 seconds each. */
final class Ssml {

  /** Alexa refuses a single break longer than this. */
  static final int MAX_BREAK_SECONDS = 10;
  /** Roughly how fast Alexa speaks, for pacing: 150 words a minute. */
  private static final double WORDS_PER_SECOND = 2.5;

  private final StringBuilder body = new StringBuilder();
  private double seconds;

  /** Adds words; none for empty text. */
  Ssml say(String text) {
    if (text.isBlank()) {
      return this;
    }
    if (!body.isEmpty()) {
      body.append(' ');
    }
    body.append(escape(text));
    seconds += speakingSeconds(text);
    return this;
  }

  /** Adds a pause, as breaks of at most 10 seconds. */
  Ssml pause(int totalSeconds) {
    int left = totalSeconds;
    while (left > 0) {
      int chunk = Math.min(MAX_BREAK_SECONDS, left);
      body.append("<break time=\"").append(chunk).append("s\"/>");
      left -= chunk;
    }
    seconds += Math.max(0, totalSeconds);
    return this;
  }

  /** How many characters {@link #pause} adds for these seconds. */
  static int breakChars(int totalSeconds) {
    int chars = 0;
    for (int left = totalSeconds; left > 0; left -= MAX_BREAK_SECONDS) {
      chars += ("<break time=\"" + Math.min(MAX_BREAK_SECONDS, left) + "s\"/>").length();
    }
    return chars;
  }

  boolean isEmpty() {
    return body.isEmpty();
  }

  /** How long it takes to say, roughly. */
  double seconds() {
    return seconds;
  }

  /** Characters so far (Alexa takes at most 8000 in one answer). */
  int length() {
    return body.length();
  }

  /** The document, {@code <speak>…</speak>}. */
  String document() {
    return "<speak>" + body + "</speak>";
  }

  /** Roughly how long Alexa takes to say the words. */
  static double speakingSeconds(String text) {
    String trimmed = text.trim();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length / WORDS_PER_SECOND;
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

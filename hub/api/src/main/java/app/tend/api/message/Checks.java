package app.tend.api.message;

/** Shared validation for message records. */
final class Checks {

  static String person(String person) {
    if (!isPersonId(person)) {
      throw new IllegalArgumentException("person must match [a-z0-9_-]{1,64}, got '" + person + "'");
    }
    return person;
  }

  /**
   * Person ids as in the recording format, {@code [a-z0-9_-]{1,64}}; tested without a regex because every
   * sample is checked.
   */
  private static boolean isPersonId(String person) {
    if (person == null || person.isEmpty() || person.length() > 64) {
      return false;
    }
    for (int i = 0; i < person.length(); i++) {
      char c = person.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  static String notBlank(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  static Integer rating(Integer value, String name) {
    if (value != null && (value < 0 || value > 10)) {
      throw new IllegalArgumentException(name + " must be between 0 and 10, got " + value);
    }
    return value;
  }

  private Checks() {}
}

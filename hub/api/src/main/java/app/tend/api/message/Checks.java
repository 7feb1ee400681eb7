package app.tend.api.message;

import java.util.regex.Pattern;

/** Shared validation for message records. */
final class Checks {

  /** Person ids as in the recording format: lower-case letters, digits, {@code _} and {@code -}. */
  static final Pattern PERSON_ID = Pattern.compile("[a-z0-9_-]{1,64}");

  static String person(String person) {
    if (person == null || !PERSON_ID.matcher(person).matches()) {
      throw new IllegalArgumentException("person must match [a-z0-9_-]{1,64}, got '" + person + "'");
    }
    return person;
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

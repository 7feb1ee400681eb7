package app.tend.plugins.wearable.mqtt;

import java.util.Locale;

/** Device ids as samples carry them: MAC addresses in one spelling, anything else as given. */
final class DeviceIds {

  /**
   * A MAC address (12 hex digits, with or without {@code :} or {@code -} between the bytes) becomes
   * lower case with colons, {@code aa:bb:cc:dd:ee:ff}; other ids are only trimmed.
   */
  static String normalise(String id) {
    String trimmed = id.trim();
    String hex = mac(trimmed);
    if (hex == null) {
      return trimmed;
    }
    StringBuilder out = new StringBuilder(17);
    for (int i = 0; i < 12; i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex, i, i + 2);
    }
    return out.toString();
  }

  /** True when the text is a MAC address in one of the accepted spellings. */
  static boolean isMac(String text) {
    return mac(text) != null;
  }

  /** The 12 lower-case hex digits of a MAC address, or null if the text is not one. */
  private static String mac(String text) {
    int n = text.length();
    if (n != 12 && n != 17) {
      return null;
    }
    StringBuilder hex = new StringBuilder(12);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean separatorSlot = n == 17 && i % 3 == 2;
      if (separatorSlot) {
        if (c != ':' && c != '-') {
          return null;
        }
      } else if (Character.digit(c, 16) >= 0) {
        hex.append(c);
      } else {
        return null;
      }
    }
    return hex.toString().toLowerCase(Locale.ROOT);
  }

  private DeviceIds() {}
}

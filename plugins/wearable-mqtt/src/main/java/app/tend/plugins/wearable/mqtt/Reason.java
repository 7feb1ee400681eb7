package app.tend.plugins.wearable.mqtt;

import app.tend.api.Meters;

/** Why a payload or a sample was dropped: the {@code reason} tag of {@link Meters#WEARABLE_REJECTED}. */
enum Reason {
  MALFORMED(Meters.REASON_MALFORMED),
  UNKNOWN_DEVICE(Meters.REASON_UNKNOWN_DEVICE),
  UNKNOWN_KIND(Meters.REASON_UNKNOWN_KIND),
  OUT_OF_RANGE(Meters.REASON_OUT_OF_RANGE),
  NO_CONTACT(Meters.REASON_NO_CONTACT),
  TIME_IN_FUTURE(Meters.REASON_TIME_IN_FUTURE),
  TIME_TOO_OLD(Meters.REASON_TIME_TOO_OLD),
  DUPLICATE(Meters.REASON_DUPLICATE),
  TOO_LATE(Meters.REASON_TOO_LATE),
  OVERFLOW(Meters.REASON_OVERFLOW),
  TOO_LARGE(Meters.REASON_TOO_LARGE);

  private final String tag;

  Reason(String tag) {
    this.tag = tag;
  }

  /** The meter tag value, e.g. {@code out_of_range}. */
  String tag() {
    return tag;
  }
}

package app.tend.hub.config;

import app.tend.api.ConfigChecks;
import app.tend.api.DailyWindow;
import app.tend.api.InvalidConfigException;
import java.util.List;

/**
 * The coach: how often it may speak up, and how it measures what helps. Per-person settings
 * ({@code persons.<id>}) override {@code dailyLimit} and {@code channels}.
 *
 * @param cooldownMinutes the least time between two prompts
 * @param minGapMinutes the least time between a gentle offer that got no answer and a prompt about high stress
 * @param dailyLimit prompts per person and local day, at most
 * @param snoozeMinutes how long "not now" keeps the coach quiet when no time is given
 * @param minConfidence stress states less sure than this (0-1) never cause a prompt
 * @param expiryMinutes how long a suggestion stays valid
 * @param deferMaxMinutes how long a prompt held back by a session or busy time stays worth offering when it ends
 * @param decompressOffer whether to offer a decompress exercise after every session
 * @param decompressOfferMinutes how long after a session ends the decompress offer comes
 * @param dismissQuietMinutes after a dismissal, no prompt until stress has been calm again or this long has passed
 * @param measureBeforeMinutes the window before an exercise its effect is measured against
 * @param measureAfterMinutes the window after an exercise its effect is measured in
 * @param daylightHours local hours that count as daylight for exercises that need it ({@code HH:mm-HH:mm})
 * @param channels the channels a person gets prompts on unless they choose their own, in order of preference
 */
public record CoachConfig(
    Integer cooldownMinutes,
    Integer minGapMinutes,
    Integer dailyLimit,
    Integer snoozeMinutes,
    Double minConfidence,
    Integer expiryMinutes,
    Integer deferMaxMinutes,
    Boolean decompressOffer,
    Integer decompressOfferMinutes,
    Integer dismissQuietMinutes,
    Integer measureBeforeMinutes,
    Integer measureAfterMinutes,
    String daylightHours,
    List<String> channels) {

  public CoachConfig {
    cooldownMinutes = ConfigChecks.intIn("cooldownMinutes", cooldownMinutes, 45, 1, 24 * 60);
    minGapMinutes = ConfigChecks.intIn("minGapMinutes", minGapMinutes, 10, 1, 24 * 60);
    dailyLimit = ConfigChecks.intIn("dailyLimit", dailyLimit, 6, 1, 100);
    snoozeMinutes = ConfigChecks.intIn("snoozeMinutes", snoozeMinutes, 30, 1, 24 * 60);
    minConfidence = ConfigChecks.doubleIn("minConfidence", minConfidence, 0.6, 0, 1);
    expiryMinutes = ConfigChecks.intIn("expiryMinutes", expiryMinutes, 15, 1, 24 * 60);
    deferMaxMinutes = ConfigChecks.intIn("deferMaxMinutes", deferMaxMinutes, 120, 1, 24 * 60);
    decompressOffer = ConfigChecks.bool(decompressOffer, true);
    decompressOfferMinutes = ConfigChecks.intIn("decompressOfferMinutes", decompressOfferMinutes, 10, 0, 24 * 60);
    dismissQuietMinutes = ConfigChecks.intIn("dismissQuietMinutes", dismissQuietMinutes, 120, 1, 24 * 60);
    measureBeforeMinutes = ConfigChecks.intIn("measureBeforeMinutes", measureBeforeMinutes, 5, 1, 60);
    measureAfterMinutes = ConfigChecks.intIn("measureAfterMinutes", measureAfterMinutes, 10, 1, 60);
    daylightHours = ConfigChecks.orDefault(daylightHours, "08:00-19:00");
    DailyWindow.parse("daylightHours", daylightHours);
    channels = channels == null ? List.of("voice", "wrist", "page") : List.copyOf(channels);
    if (channels.isEmpty() || channels.stream().anyMatch(c -> c == null || c.isBlank())) {
      throw new InvalidConfigException("channels", channels.toString(), "a list of channel names, e.g. [voice, wrist]");
    }
  }

  /** Every default. */
  public static CoachConfig defaults() {
    return new CoachConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** {@link #daylightHours()} as a window. */
  public DailyWindow daylight() {
    return DailyWindow.parse("daylightHours", daylightHours);
  }
}

package app.tend.api.message;

/** How pressing a suggestion is; channels may use it to pick a tone or a vibration pattern. */
public enum Urgency {
  /** A gentle offer or a practice reminder. */
  LOW,
  /** A suggestion the moment calls for. */
  NORMAL,
  /** The person seems highly stressed now. */
  HIGH
}

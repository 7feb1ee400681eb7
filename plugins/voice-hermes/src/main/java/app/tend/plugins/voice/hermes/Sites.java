package app.tend.plugins.voice.hermes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Who lives at which Hermes site, and where each person was last heard (so answers go to that room). */
final class Sites {

  private final Map<String, String> personBySite;
  private final Map<String, String> lastHeard = new HashMap<>();

  Sites(Map<String, String> personBySite) {
    this.personBySite = Map.copyOf(personBySite);
  }

  /** The person at a site, if the site is mapped. */
  Optional<String> personAt(String site) {
    return Optional.ofNullable(personBySite.get(site));
  }

  /** Remembers that the person spoke at the site. */
  void heard(String person, String site) {
    lastHeard.put(person, site);
  }

  /** Where to speak to a person: where they were last heard, else their first site in the config. */
  Optional<String> siteOf(String person) {
    String last = lastHeard.get(person);
    if (last != null) {
      return Optional.of(last);
    }
    return personBySite.entrySet().stream().filter(e -> e.getValue().equals(person)).map(Map.Entry::getKey).findFirst();
  }
}

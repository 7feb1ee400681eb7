package app.tend.hub.stress;

import java.io.IOException;
import java.util.Map;

/**
 * Where baselines survive a restart. Both methods block: call them on a worker thread, never on an event loop.
 */
public interface BaselineStore {

  /** Every stored baseline, by person id; empty when nothing was stored yet. */
  Map<String, BaselineSnapshot> loadAll() throws IOException;

  /** Stores these baselines, replacing what was stored for the same persons. */
  void saveAll(Map<String, BaselineSnapshot> baselines) throws IOException;

  /** Removes a person's baseline (their data was erased); nothing happens when there is none. */
  void remove(String person) throws IOException;
}

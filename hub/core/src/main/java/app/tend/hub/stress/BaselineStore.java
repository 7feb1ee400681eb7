package app.tend.hub.stress;

import io.vertx.core.Future;
import java.util.Map;

/** Where baselines survive a restart. Both methods do their work off the event loop. */
public interface BaselineStore {

  /** Every stored baseline, by person id; empty when nothing was stored yet. */
  Future<Map<String, BaselineSnapshot>> loadAll();

  /** Stores these baselines, replacing what was stored for the same persons. */
  Future<Void> saveAll(Map<String, BaselineSnapshot> baselines);
}

package app.tend.hub.stress;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;

/** Where baselines survive a restart. Both methods do their work off the event loop. */
public interface BaselineStore {

  /** A person's stored baseline; empty when none was stored yet. */
  Future<Optional<BaselineSnapshot>> load(String person);

  /** Stores these baselines, replacing what was stored for the same persons. */
  Future<Void> saveAll(Map<String, BaselineSnapshot> baselines);
}

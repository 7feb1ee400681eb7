package app.tend.hub.store;

import app.tend.hub.stress.BaselineSnapshot;
import app.tend.hub.stress.BaselineStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The stress engine's baselines in the store's {@code baselines} table, stamped with the hub's clock. */
public final class StoredBaselines implements BaselineStore {

  private final Store store;
  private final Clock clock;

  public StoredBaselines(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Future<Optional<BaselineSnapshot>> load(String person) {
    return store.baseline(person);
  }

  @Override
  public Future<Void> saveAll(Map<String, BaselineSnapshot> baselines) {
    return store.saveBaselines(baselines, clock.instant());
  }

  @Override
  public String toString() {
    return "the store";
  }
}

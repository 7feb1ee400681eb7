package app.tend.hub.api;

import app.tend.hub.config.PersonConfig;
import app.tend.hub.config.TendConfig;
import app.tend.hub.store.Store;
import io.vertx.core.Future;
import java.util.List;
import java.util.TreeSet;

/**
 * The persons the API knows: those in the config, those anything is stored about and those heard of on
 * the bus since the start. A path that names anyone else is answered 404.
 */
final class PersonDirectory {

  /**
   * One person as listed.
   *
   * @param id the person id
   * @param name how to address them, or empty
   * @param zone their time zone
   * @param configured whether they are in the config (else only their data is known)
   */
  record Person(String id, String name, String zone, boolean configured) {}

  private final TendConfig config;
  private final Store store;
  private final LatestState latest;

  PersonDirectory(TendConfig config, Store store, LatestState latest) {
    this.config = config;
    this.store = store;
    this.latest = latest;
  }

  /** Everyone, sorted by id. */
  Future<List<Person>> all() {
    return store.persons().map(stored -> {
      TreeSet<String> ids = new TreeSet<>(stored);
      ids.addAll(config.persons().keySet());
      ids.addAll(latest.persons());
      return ids.stream().map(this::describe).toList();
    });
  }

  /** The person, or a failed future with a 404 {@link ApiProblem}. */
  Future<Person> known(String id) {
    if (config.persons().containsKey(id) || latest.persons().contains(id)) {
      return Future.succeededFuture(describe(id));
    }
    return store.persons().compose(stored -> stored.contains(id)
        ? Future.succeededFuture(describe(id))
        : Future.failedFuture(ApiProblem.notFound("no person '" + id + "': not in the config and nothing is stored about them")));
  }

  /** The person named in a request body's {@code field}, or a failed future with a 400 {@link ApiProblem} naming it. */
  Future<Person> knownField(String id, String field) {
    return known(id).recover(e -> Future.failedFuture(e instanceof ApiProblem
        ? ApiProblem.badRequest("body field " + field + ": " + e.getMessage()) : e));
  }

  private Person describe(String id) {
    PersonConfig settings = config.person(id);
    return new Person(id, settings.name(), settings.zone(), config.persons().containsKey(id));
  }
}

package app.tend.hub.replay;

/** Where replayed rows go: a broker or a stress engine. */
public interface ReplaySink extends AutoCloseable {

  /** Takes one row. */
  void accept(Row row) throws Exception;

  /** Called before the replay waits for the next row's time: anything held back should go out now. */
  default void pause() throws Exception {}

  /** Sends what is held back and waits until it is out. */
  @Override
  void close() throws Exception;

  /** One line saying what went out, for the summary. */
  String summary();
}

package app.tend.hub.replay;

import java.nio.file.Path;
import java.util.List;

/** Plays recordings into a sink, paced by their own time, showing progress. */
public final class Replay {

  private Replay() {}

  /**
   * Plays every row of {@code files} into {@code sink} and closes it.
   *
   * @param speed 1 for the recording's own pace, higher for faster, 0 for as fast as possible
   * @throws app.tend.hub.recording.RecordingException at the first bad row, once the rows before it are out
   */
  public static void run(List<Path> files, RecordingStream.Times times, double speed, ReplaySink sink,
      Progress progress) throws Exception {
    Pacer pacer = new Pacer(speed);
    // The rows before a bad one still go out: the sink is closed (and flushed) either way.
    try (sink; RecordingStream stream = new RecordingStream(files, times)) {
      Row row;
      while ((row = stream.next()) != null) {
        pacer.awaitDue(row, sink);
        sink.accept(row);
        progress.row(row);
      }
    }
    progress.done(sink.summary());
  }
}

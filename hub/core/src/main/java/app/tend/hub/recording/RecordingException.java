package app.tend.hub.recording;

import java.nio.file.Path;

/** A recording that cannot be read: the message names the file and, where there is one, the line. */
public final class RecordingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  RecordingException(Path file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
  }

  RecordingException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}

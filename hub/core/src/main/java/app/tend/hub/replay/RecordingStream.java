package app.tend.hub.replay;

import app.tend.api.message.SignalKind;
import app.tend.hub.recording.RecordingException;
import app.tend.hub.recording.RecordingReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The rows of one or more recordings side by side: each file starts at its own first row, and rows are
 * handed out in order of their offset from it, so a folder of recordings plays as persons wearing their
 * devices at the same time. Each file is read by {@link RecordingReader} on its own thread, a chunk ahead.
 * A bad row stops the stream with the reader's {@link RecordingException} (file and line) once the rows
 * before it are out.
 */
public final class RecordingStream implements AutoCloseable {

  private static final int CHUNK = 2048;
  private static final int CHUNKS_AHEAD = 4;

  /** Where to put sample times: as recorded, or shifted so each file starts at a given instant. */
  public interface Times {
    /** The sample time to send for a row recorded at {@code recordedMs}, {@code offsetMs} into its file. */
    long timeOf(long recordedMs, long offsetMs);
  }

  private final List<Cursor> cursors = new ArrayList<>();
  private final PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparingLong(Cursor::offset));
  private final Times times;
  private boolean started;

  /** Opens every file, each read on its own thread. */
  public RecordingStream(List<Path> files, Times times) {
    this.times = times;
    for (Path file : files) {
      cursors.add(new Cursor(file));
    }
  }

  /** The next row in offset order, or null when every file is done. */
  public Row next() throws InterruptedException {
    if (!started) {
      started = true;
      for (Cursor cursor : cursors) {
        cursor.thread.start();
      }
      for (Cursor cursor : cursors) {
        if (cursor.advance()) {
          heads.add(cursor);
        }
      }
    }
    Cursor cursor = heads.poll();
    if (cursor == null) {
      return null;
    }
    Row row = cursor.row(times);
    if (cursor.advance()) {
      heads.add(cursor);
    }
    return row;
  }

  @Override
  public void close() {
    for (Cursor cursor : cursors) {
      cursor.thread.interrupt();
    }
  }

  /** Rows of one file, in arrays, passed from the reading thread. */
  private static final class Chunk {
    final long[] times = new long[CHUNK];
    final String[] persons = new String[CHUNK];
    final SignalKind[] kinds = new SignalKind[CHUNK];
    final double[] values = new double[CHUNK];
    int size;
    boolean last;
    RuntimeException failure;
  }

  /** One file: its reading thread, and the row the stream is at. */
  private static final class Cursor {
    final Path file;
    final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    final Thread thread;
    long firstMs = Long.MIN_VALUE;
    Chunk chunk;
    int index = -1;

    Cursor(Path file) {
      this.file = file;
      this.thread = new Thread(this::read, "replay-" + file.getFileName());
      thread.setDaemon(true);
    }

    private void read() {
      Chunk[] filling = {new Chunk()};
      try {
        RecordingReader.read(file, (timeMs, person, kind, value, label) -> {
          Chunk c = filling[0];
          c.times[c.size] = timeMs;
          c.persons[c.size] = person;
          c.kinds[c.size] = kind;
          c.values[c.size] = value;
          if (++c.size == CHUNK) {
            put(c);
            filling[0] = new Chunk();
          }
        });
      } catch (RecordingException e) {
        filling[0].failure = e;
      } catch (Interrupted e) {
        return;
      }
      filling[0].last = true;
      try {
        chunks.put(filling[0]);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void put(Chunk c) {
      try {
        chunks.put(c);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Interrupted();
      }
    }

    /** Moves to the next row; false at the end of the file. */
    boolean advance() throws InterruptedException {
      index++;
      while (chunk == null || index >= chunk.size) {
        if (chunk != null && chunk.last) {
          if (chunk.failure != null) {
            throw chunk.failure;
          }
          return false;
        }
        chunk = chunks.take();
        index = 0;
      }
      if (firstMs == Long.MIN_VALUE) {
        firstMs = chunk.times[index];
      }
      return true;
    }

    long offset() {
      return chunk.times[index] - firstMs;
    }

    Row row(Times times) {
      long offset = offset();
      return new Row(offset, times.timeOf(chunk.times[index], offset), chunk.persons[index], chunk.kinds[index],
          chunk.values[index]);
    }
  }

  /** Stops a reading thread that was interrupted while it waited to hand over a chunk. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Interrupted() {
      super(null, null, false, false);
    }
  }
}

package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what the {@link DuplicateFilter} remembers in the plugin's data folder ({@value #FILE}, rw-------), so
 * that after a restart, {@code kill -9} included, a sample the broker delivers again is still a duplicate.
 *
 * <p>Why this order. The broker re-sends, after a reconnect, every QoS 1 message whose acknowledgement it did not
 * get, and a broker restored from its own last save re-sends what it had sent after that save: these samples were
 * taken just before the crash. So each slice of samples is written here right after it was published, not at the
 * next save: first published, then written, so a crash between the two lets that one slice through twice but
 * never loses a sample (writing first would drop, after a crash, samples that were never published). The appends
 * go through the operating system's page cache without {@code fsync}: they survive the process being killed, and
 * a power cut may lose the last seconds (duplicates then pass once). The file is a snapshot followed by appended
 * entries; when the appends outgrow the snapshot it is rewritten (to a temporary file, then renamed over the old
 * one), and at stop. Writes run on a worker, one at a time and in order; a write that fails is logged and the
 * filter goes on in memory.
 */
final class SeenJournal implements DuplicateFilter.Recorder {

  static final String FILE = "seen-samples";

  private static final Logger log = LoggerFactory.getLogger(SeenJournal.class);
  private static final byte[] MAGIC = "tend-seen-samples 1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int SERIES = 'S';
  private static final int CHUNK = 'C';
  private static final int TIME = 'T';
  private static final int MAX_TEXT = 1024;
  /** Appends before a rewrite, at least; then twice the snapshot, so rewriting costs a constant share per sample. */
  static final long MIN_COMPACT_BYTES = 4 << 20;
  private static final long RETRY_MS = 10_000;

  private final Context context;
  private final Path file;
  private final DuplicateFilter filter;
  private final Out pending = new Out();
  private int nextId;
  private long appended;
  private long snapshotBytes;
  /** A whole new file waiting to be written, or null. */
  private byte[] snapshot;
  private boolean writing;
  /** A write failed: nothing is appended until a snapshot is written again. */
  private boolean failing;
  private long retryAt;
  private Promise<Void> closed;
  private volatile boolean opened;
  /** Only touched by the write in progress (one at a time, on a worker). */
  private volatile FileChannel channel;

  /**
   * @param context the plugin's event loop, where the filter is used
   * @param folder the plugin's data folder
   */
  SeenJournal(Context context, Path folder, DuplicateFilter filter) {
    this.context = context;
    this.file = folder.resolve(FILE);
    this.filter = filter;
  }

  /**
   * Loads what the file holds into the filter (its persons count as heard from at {@code nowMillis}), writes it
   * out afresh and from then on records each sample the filter takes. A file that cannot be read or written is
   * logged, not fatal: the filter then works in memory, and writing is tried again. Blocking: file I/O, before the
   * filter is used.
   */
  void open(long nowMillis) {
    try {
      Files.createDirectories(file.getParent());
      read(file, filter, nowMillis);
      byte[] first = snapshot();
      replace(first);
      snapshotBytes = first.length;
    } catch (IOException | RuntimeException e) {
      log.warn("Cannot use {} ({}): duplicates are recognised until the hub stops, but not after a restart", file,
          e.toString());
      failing = true;
    }
    opened = true;
    filter.recorder(this);
  }

  @Override
  public void taken(DuplicateFilter.Series series, long time) {
    if (series.journalId < 0) {
      declare(pending, series, time);
    }
    pending.write(TIME);
    pending.writeVarint(series.journalId);
    pending.writeVarint(zigzag(time - series.journalTime));
    series.journalTime = time;
  }

  /** After each slice of messages was published: hands what it took to the file. */
  void afterSlice(long nowMillis) {
    if (closed != null) {
      return;
    }
    if (failing) {
      // Appends wait (the file's end may be damaged) until a snapshot is written; each try starts a new one.
      if (nowMillis >= retryAt && snapshot == null && !writing) {
        retryAt = nowMillis + RETRY_MS;
        compact();
      }
    } else if (appended + pending.length > Math.max(MIN_COMPACT_BYTES, 2 * snapshotBytes)) {
      compact();
    }
    write();
  }

  /** Writes everything out as a snapshot and closes the file; completes when done. On the event loop. */
  Future<Void> close() {
    if (!opened) {
      return Future.succeededFuture();
    }
    if (closed == null) {
      closed = Promise.promise();
      compact();
      write();
    }
    return closed.future();
  }

  private void compact() {
    snapshot = snapshot();
    pending.clear();
    appended = 0;
  }

  /** Starts the next write if none is running: a waiting snapshot first, else the pending appends. */
  private void write() {
    if (writing) {
      return;
    }
    if (snapshot != null) {
      byte[] bytes = snapshot;
      snapshot = null;
      writing = true;
      context.executeBlocking(() -> {
        replace(bytes);
        return null;
      }, true).onComplete(done -> written(done.cause(), bytes.length, true));
    } else if (pending.length > 0 && !failing) {
      byte[] bytes = pending.take();
      appended += bytes.length;
      writing = true;
      context.executeBlocking(() -> {
        append(bytes);
        return null;
      }, true).onComplete(done -> written(done.cause(), bytes.length, false));
    } else if (closed != null) {
      writing = true;
      context.executeBlocking(() -> {
        FileChannel c = channel;
        if (c != null) {
          c.close();
        }
        return null;
      }, true).onComplete(done -> {
        if (done.failed()) {
          log.warn("Cannot close {}: {}", file, done.cause().toString());
        }
        closed.tryComplete();
      });
    }
  }

  private void written(Throwable failure, int bytes, boolean wasSnapshot) {
    writing = false;
    if (failure != null) {
      if (!failing) {
        log.warn("Cannot write {} ({}): duplicates are recognised until the hub stops, but not after a restart",
            file, failure.toString());
      }
      failing = true;
    } else if (wasSnapshot) {
      if (failing) {
        log.info("{} is written again", file);
      }
      failing = false;
      snapshotBytes = bytes;
    }
    write();
  }

  /** Everything the filter remembers, as a new file; renumbers the series. */
  private byte[] snapshot() {
    Out out = new Out();
    out.write(MAGIC);
    nextId = 0;
    filter.forEachSeries(series -> {
      if (series.times.isEmpty()) {
        series.journalId = -1;
        return;
      }
      declare(out, series, series.times.newest());
      series.times.forEachChunk((first, size, data, length) -> {
        out.write(CHUNK);
        out.writeVarint(series.journalId);
        out.writeLong(first);
        out.writeVarint(size);
        out.writeVarint(length);
        out.write(data, length);
      });
    });
    return out.take();
  }

  private void declare(Out out, DuplicateFilter.Series series, long anchor) {
    series.journalId = nextId++;
    series.journalTime = anchor;
    out.write(SERIES);
    out.writeVarint(series.journalId);
    out.writeText(series.person);
    out.writeText(series.device);
    out.writeText(series.kind.wireName());
    out.writeLong(series.horizon);
    out.writeLong(anchor);
  }

  /** Writes a whole new file next to the old one, then puts it in its place; appends go to it from then on. */
  private void replace(byte[] bytes) throws IOException {
    Path temporary = file.resolveSibling(FILE + ".new");
    Files.deleteIfExists(temporary);
    FileChannel created = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      writeFully(created, bytes);
      created.force(true);
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      created.close();
      throw e;
    }
    FileChannel old = channel;
    channel = created;
    if (old != null) {
      old.close();
    }
  }

  private void append(byte[] bytes) throws IOException {
    FileChannel c = channel;
    if (c == null) {
      throw new IOException("the file is not open");
    }
    writeFully(c, bytes);
  }

  private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /**
   * Reads a journal file into a filter (its persons count as heard from at {@code nowMillis}) and returns how many
   * sample times it held; what follows a damaged or cut-off entry (a crash while writing) is left out, and logged.
   * A missing file holds nothing. Blocking.
   */
  static long read(Path file, DuplicateFilter filter, long nowMillis) throws IOException {
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
    Map<Integer, DuplicateFilter.Series> series = new HashMap<>();
    Map<Integer, long[]> bases = new HashMap<>();
    long[] times = new long[SeenTimes.CHUNK];
    long entries = 0;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 65_536))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException("it does not start as this plugin's file does");
      }
      int tag;
      while ((tag = in.read()) >= 0) {
        if (tag == TIME) {
          int id = (int) readVarint(in);
          long[] base = bases.get(id);
          if (base == null) {
            throw new IOException("an entry for series " + id + ", which was not declared");
          }
          base[0] += unzigzag(readVarint(in));
          filter.restore(series.get(id), base[0]);
          entries++;
        } else if (tag == SERIES) {
          int id = (int) readVarint(in);
          String person = readText(in);
          String device = readText(in);
          String kind = readText(in);
          long horizon = in.readLong();
          long anchor = in.readLong();
          SignalKind known = SignalKind.fromWireName(kind)
              .orElseThrow(() -> new IOException("the unknown kind '" + kind + "'"));
          DuplicateFilter.Series s = filter.restored(person, device, known, nowMillis);
          s.horizon = Math.max(s.horizon, horizon);
          series.put(id, s);
          bases.put(id, new long[] {anchor});
        } else if (tag == CHUNK) {
          DuplicateFilter.Series s = series.get((int) readVarint(in));
          long first = in.readLong();
          int size = (int) readVarint(in);
          int length = (int) readVarint(in);
          if (s == null || length > 11 * SeenTimes.CHUNK) {
            throw new IOException("a chunk that does not fit");
          }
          byte[] data = new byte[length];
          in.readFully(data);
          int n;
          try {
            n = SeenTimes.decode(first, size, data, length, times);
          } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
          }
          for (int i = 0; i < n; i++) {
            filter.restore(s, times[i]);
          }
          entries += n;
        } else {
          throw new IOException("an entry of unknown type " + tag);
        }
      }
    } catch (EOFException e) {
      log.debug("{} ends in the middle of an entry (the hub stopped while writing it)", file);
    } catch (IOException e) {
      log.warn("Reading {} stopped after {} sample times: {}", file, entries, e.getMessage());
    }
    log.debug("Loaded {} sample times of {} persons from {}", entries, filter.persons(), file);
    return entries;
  }

  private static String readText(DataInputStream in) throws IOException {
    long length = readVarint(in);
    if (length > MAX_TEXT) {
      throw new IOException("a text of " + length + " bytes");
    }
    byte[] bytes = new byte[(int) length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static long readVarint(DataInputStream in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        return value;
      }
    }
    throw new IOException("a number longer than 64 bits");
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static long unzigzag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  /** A growing byte array. */
  private static final class Out {
    private byte[] bytes = new byte[256];
    private int length;

    void write(int b) {
      ensure(1);
      bytes[length++] = (byte) b;
    }

    void write(byte[] b) {
      write(b, b.length);
    }

    void write(byte[] b, int n) {
      ensure(n);
      System.arraycopy(b, 0, bytes, length, n);
      length += n;
    }

    void writeVarint(long value) {
      ensure(10);
      while ((value & ~0x7fL) != 0) {
        bytes[length++] = (byte) ((value & 0x7f) | 0x80);
        value >>>= 7;
      }
      bytes[length++] = (byte) value;
    }

    void writeLong(long value) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes[length++] = (byte) (value >>> shift);
      }
    }

    void writeText(String text) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      writeVarint(utf8.length);
      write(utf8);
    }

    /** The bytes written so far; empties it. */
    byte[] take() {
      byte[] taken = Arrays.copyOf(bytes, length);
      length = 0;
      return taken;
    }

    void clear() {
      length = 0;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }
}

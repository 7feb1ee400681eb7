package app.tend.plugins.wearable.mqtt;

import java.util.Arrays;

/**
 * A set of sample times (Unix ms) of one series, kept compact: in ascending chunks of at most {@value #CHUNK}
 * times, each chunk its first time and then each next time as the change of the step from the one before
 * (delta of delta, as a varint), with a steady run of equal steps as one token. A series sampled at a steady rate
 * costs a few bytes per chunk, an irregular one (heart beats) one or two bytes a time. Adding a time after the
 * newest appends to the last chunk; a late time decodes and re-encodes one chunk. Not thread-safe.
 */
final class SeenTimes {

  /** The most times in one chunk: bounds the work of checking or inserting a late time. */
  static final int CHUNK = 256;

  /** The chunks kept, ascending and not overlapping: {@code chunks[first, first + count)}. */
  private Chunk[] chunks = new Chunk[1];
  private int first;
  private int count;
  private int size;

  /** How many times are kept. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The newest time kept; only when not empty. */
  long newest() {
    return chunks[first + count - 1].last;
  }

  /** True if the time is kept. {@code scratch} holds at least {@link #CHUNK} times. */
  boolean contains(long time, long[] scratch) {
    int at = chunkFor(time);
    if (at < 0) {
      return false;
    }
    Chunk chunk = chunks[at];
    if (time == chunk.first || time == chunk.last) {
      return true;
    }
    if (time > chunk.last) {
      return false;
    }
    int n = chunk.decode(scratch);
    return Arrays.binarySearch(scratch, 0, n, time) >= 0;
  }

  /** Adds the time; false if it was kept already. {@code scratch} holds at least {@link #CHUNK} + 1 times. */
  boolean add(long time, long[] scratch) {
    if (count == 0) {
      append(new Chunk(time));
    } else {
      Chunk last = chunks[first + count - 1];
      if (time > last.last) {
        if (last.size < CHUNK) {
          last.append(time);
        } else {
          last.trim();
          append(new Chunk(time));
        }
      } else if (!insert(time, scratch)) {
        return false;
      }
    }
    size++;
    return true;
  }

  /** Forgets the chunks whose times are all before {@code oldest}. */
  void forgetBefore(long oldest) {
    while (count > 0 && chunks[first].last < oldest) {
      dropOldest();
    }
  }

  /** Forgets the oldest chunk and returns its newest time; only when not empty. */
  long dropOldest() {
    Chunk dropped = chunks[first];
    chunks[first] = null;
    first++;
    count--;
    size -= dropped.size;
    return dropped.last;
  }

  /** Hands each chunk, oldest first, to {@code sink} in its encoded form (see {@link #decode}). */
  void forEachChunk(ChunkSink sink) {
    for (int i = first; i < first + count; i++) {
      Chunk chunk = chunks[i];
      sink.chunk(chunk.first, chunk.size, chunk.data, chunk.length);
    }
  }

  /** Receives a chunk's first time, its number of times and its encoded steps {@code data[0, length)}. */
  interface ChunkSink {
    void chunk(long first, int size, byte[] data, int length);
  }

  /**
   * Decodes a chunk that {@link #forEachChunk} handed out into {@code out} and returns how many times it held;
   * throws {@link IllegalArgumentException} if the bytes are not such a chunk.
   */
  static int decode(long first, int size, byte[] data, int length, long[] out) {
    if (size < 1 || size > CHUNK || length < 0 || length > data.length) {
      throw new IllegalArgumentException("a chunk of " + size + " times in " + length + " bytes");
    }
    Chunk chunk = new Chunk(first);
    chunk.size = size;
    chunk.data = data;
    chunk.length = length;
    return chunk.decode(out);
  }

  /** The index of the last chunk whose first time is not after {@code time}; -1 if there is none. */
  private int chunkFor(long time) {
    int lo = first;
    int hi = first + count - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (chunks[mid].first <= time) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Inserts a time that is not after the newest; false if it was there. */
  private boolean insert(long time, long[] scratch) {
    int at = chunkFor(time);
    if (at < 0) {
      at = first; // before every time kept: it becomes the oldest chunk's first
    }
    Chunk chunk = chunks[at];
    int n = chunk.decode(scratch);
    int pos = Arrays.binarySearch(scratch, 0, n, time);
    if (pos >= 0) {
      return false;
    }
    pos = -pos - 1;
    System.arraycopy(scratch, pos, scratch, pos + 1, n - pos);
    scratch[pos] = time;
    n++;
    if (n <= CHUNK) {
      chunks[at] = Chunk.of(scratch, 0, n);
    } else {
      int half = n / 2;
      chunks[at] = Chunk.of(scratch, 0, half);
      insertChunkAfter(at, Chunk.of(scratch, half, n));
    }
    return true;
  }

  private void append(Chunk chunk) {
    makeRoom();
    chunks[first + count] = chunk;
    count++;
  }

  private void insertChunkAfter(int at, Chunk chunk) {
    int offset = at - first;
    makeRoom();
    at = first + offset;
    System.arraycopy(chunks, at + 1, chunks, at + 2, first + count - at - 1);
    chunks[at + 1] = chunk;
    count++;
  }

  /** Makes room for one more chunk at the end: moves the chunks to the front, growing the array when needed. */
  private void makeRoom() {
    if (first + count < chunks.length) {
      return;
    }
    Chunk[] target = count + 1 > chunks.length / 2 ? new Chunk[Math.max(2, chunks.length * 2)] : chunks;
    System.arraycopy(chunks, first, target, 0, count);
    if (target == chunks) {
      Arrays.fill(chunks, count, first + count, null);
    }
    chunks = target;
    first = 0;
  }

  /** Up to {@link #CHUNK} ascending times. */
  private static final class Chunk {
    private static final byte[] NO_BYTES = new byte[0];

    final long first;
    long last;
    int size;
    /** {@code last} minus the time before it; 0 while the chunk holds one time. */
    long step;
    /** Tokens: {@code (zigzag(change of step) << 1) | 1} for one time, {@code n << 1} for n times at the same step. */
    byte[] data = NO_BYTES;
    int length;
    /** Where the trailing token starts when it is a run (else -1), and the run's length. */
    int runAt = -1;
    int run;

    Chunk(long first) {
      this.first = first;
      this.last = first;
      this.size = 1;
    }

    static Chunk of(long[] times, int from, int to) {
      Chunk chunk = new Chunk(times[from]);
      for (int i = from + 1; i < to; i++) {
        chunk.append(times[i]);
      }
      chunk.trim();
      return chunk;
    }

    /** Gives back the unused end of {@code data}. */
    void trim() {
      if (data.length > length) {
        data = length == 0 ? NO_BYTES : Arrays.copyOf(data, length);
      }
    }

    /** Appends a time after {@code last}. */
    void append(long time) {
      long next = time - last;
      long change = next - step;
      if (change == 0 && runAt >= 0) {
        run++;
        length = runAt;
        write((long) run << 1);
      } else if (change == 0) {
        runAt = length;
        run = 1;
        write(2);
      } else {
        runAt = -1;
        write(((change << 1) ^ (change >> 63)) << 1 | 1);
      }
      step = next;
      last = time;
      size++;
    }

    /** Writes the times into {@code out} and returns how many. */
    int decode(long[] out) {
      long time = first;
      long delta = 0;
      int n = 0;
      out[n++] = time;
      int p = 0;
      while (p < length) {
        long token = 0;
        int shift = 0;
        byte b;
        do {
          if (p >= length || shift > 63) {
            throw new IllegalArgumentException("a chunk's step is cut off");
          }
          b = data[p++];
          token |= (long) (b & 0x7f) << shift;
          shift += 7;
        } while (b < 0);
        long times;
        if ((token & 1) == 0) {
          times = token >>> 1;
        } else {
          long zigzag = token >>> 1;
          delta += (zigzag >>> 1) ^ -(zigzag & 1);
          times = 1;
        }
        if (times < 1 || n + times > size) {
          throw new IllegalArgumentException("a chunk holds more times than it says");
        }
        for (long k = 0; k < times; k++) {
          time += delta;
          out[n++] = time;
        }
      }
      if (n != size) {
        throw new IllegalArgumentException("a chunk holds fewer times than it says");
      }
      return n;
    }

    private void write(long value) {
      if (length + 10 > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, length + 10));
      }
      while ((value & ~0x7fL) != 0) {
        data[length++] = (byte) ((value & 0x7f) | 0x80);
        value >>>= 7;
      }
      data[length++] = (byte) value;
    }
  }
}

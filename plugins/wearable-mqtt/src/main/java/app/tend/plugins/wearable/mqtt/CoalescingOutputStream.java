package app.tend.plugins.wearable.mqtt;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket's output whose flushes, while packets follow each other within {@value #LINGER_MICROS} µs, are
 * held until that long after the last write: Paho writes and flushes every PUBACK on its own, a system
 * call each for the hub and the broker; held, one call carries all of a millisecond's. The first flush after
 * a quiet spell goes out at once. A held flush is done by a timer thread of its own, started when first
 * needed and stopped by {@link #close()}; a failure there is thrown from the next write or flush.
 */
final class CoalescingOutputStream extends OutputStream {

  private static final long LINGER_MICROS = 1_000;
  private static final int BUFFER = 64 * 1024;
  private static final long CLOSE_WAIT_MS = 1_000;

  private final OutputStream out;
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final byte[] buffer = new byte[BUFFER];
  private int length;
  private final long lingerNanos;
  private long lastWriteNanos;
  private boolean held;
  private IOException failure;
  private volatile ScheduledExecutorService timer;

  /** @param name names the timer thread */
  CoalescingOutputStream(OutputStream out, String name) {
    this(out, name, TimeUnit.MICROSECONDS.toNanos(LINGER_MICROS));
  }

  /** @param lingerNanos how long after a write a flush is held */
  CoalescingOutputStream(OutputStream out, String name, long lingerNanos) {
    this.out = out;
    this.name = name;
    this.lingerNanos = lingerNanos;
    this.lastWriteNanos = System.nanoTime() - lingerNanos;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int count) throws IOException {
    lock.lock();
    try {
      rethrow();
      if (length + count > buffer.length) {
        writeOut();
        if (count > buffer.length) {
          out.write(bytes, offset, count);
          return;
        }
      }
      System.arraycopy(bytes, offset, buffer, length, count);
      length += count;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void flush() throws IOException {
    lock.lock();
    try {
      flushOrHold();
    } finally {
      lock.unlock();
    }
  }

  private void flushOrHold() throws IOException {
    rethrow();
    if (length == 0 || held) {
      return;
    }
    long sinceLastWrite = System.nanoTime() - lastWriteNanos;
    if (sinceLastWrite >= lingerNanos) {
      writeOut();
      return;
    }
    held = true;
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "MQTT Flush: " + name);
        thread.setDaemon(true);
        return thread;
      });
    }
    try {
      timer.schedule(this::flushHeld, lingerNanos - sinceLastWrite, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closed: nothing more will follow to share the call with.
      held = false;
      writeOut();
    }
  }

  /**
   * Writes what is held, unless a write is stuck (a broker that stopped reading) for {@value #CLOSE_WAIT_MS}
   * ms, and stops the timer; then closes the socket's stream.
   */
  @Override
  public void close() throws IOException {
    // Closing the socket's stream closes the socket, which closes this again.
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (lock.tryLock(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
        try {
          if (failure == null) {
            writeOut();
          }
        } finally {
          lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ScheduledExecutorService t = timer;
      if (t != null) {
        t.shutdownNow();
      }
      out.close();
    }
  }

  private void flushHeld() {
    lock.lock();
    try {
      held = false;
      writeOut();
    } catch (IOException e) {
      failure = e;
    } finally {
      lock.unlock();
    }
  }

  private void writeOut() throws IOException {
    if (length > 0) {
      out.write(buffer, 0, length);
      length = 0;
    }
    out.flush();
    lastWriteNanos = System.nanoTime();
  }

  private void rethrow() throws IOException {
    if (failure != null) {
      throw failure;
    }
  }
}

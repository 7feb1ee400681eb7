package app.tend.plugins.wearable.mqtt;

import io.vertx.core.Context;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands messages from Paho's callback thread to the plugin's event loop through a bounded queue:
 * {@link #offer} never blocks; when the queue is full the message is dropped and reported. The event
 * loop drains the queue in slices, so a burst never starves other handlers; after each slice it runs
 * {@code afterSlice}, where what the slice made can go out at once. The first message after a quiet
 * spell wakes the event loop at once; while messages keep coming, the loop drains again only
 * {@value #LINGER_MS} ms after each slice, so one wake-up serves many messages (waking a thread per
 * message cost more than decoding it).
 */
final class Inbox {

  private static final int SLICE = 512;
  private static final long LINGER_MS = 1;

  private final Context context;
  private final ArrayBlockingQueue<Inbound> queue;
  private final Consumer<Inbound> handler;
  private final Consumer<Inbound> onOverflow;
  private final Runnable afterSlice;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param context the event loop that runs {@code handler}
   * @param capacity messages that may wait
   * @param handler handles each message, on {@code context}; must not throw
   * @param onOverflow told of each message dropped because the queue was full, on the offering thread
   * @param afterSlice run on {@code context} after each slice of messages was handled; must not throw
   */
  Inbox(Context context, int capacity, Consumer<Inbound> handler, Consumer<Inbound> onOverflow, Runnable afterSlice) {
    this.context = context;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.handler = handler;
    this.onOverflow = onOverflow;
    this.afterSlice = afterSlice;
  }

  /** Queues a message for the event loop; from any thread, never blocks. */
  void offer(Inbound message) {
    if (closed) {
      return;
    }
    if (!queue.offer(message)) {
      onOverflow.accept(message);
      return;
    }
    if (scheduled.compareAndSet(false, true)) {
      context.runOnContext(ignored -> drain());
    }
  }

  /** Messages waiting. */
  int size() {
    return queue.size();
  }

  /** Drops what waits and takes no more. */
  void close() {
    closed = true;
    queue.clear();
  }

  private void drain() {
    int handled = 0;
    while (handled < SLICE && !closed) {
      Inbound message = queue.poll();
      if (message == null) {
        break;
      }
      handler.accept(message);
      handled++;
    }
    if (handled > 0) {
      afterSlice.run();
    }
    if (closed) {
      return;
    }
    if (handled == SLICE) {
      context.runOnContext(ignored -> drain());
    } else if (handled > 0) {
      context.owner().setTimer(LINGER_MS, ignored -> drain());
    } else {
      scheduled.set(false);
      // A message offered between the last poll and the reset above would otherwise wait for the next one.
      if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
        context.runOnContext(ignored -> drain());
      }
    }
  }
}

package app.tend.hub.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's MQTT 3.1.1 publisher over a plain socket: PUBLISH packets are encoded into one
 * buffer and written many at a time, and a reading thread counts the broker's PUBACKs. This keeps the
 * generator cheap (Paho writes and flushes each message on its own), so that it is not what limits a
 * benchmark. Only what a benchmark needs: clean session, no keep-alive, QoS 0 or 1, no TLS. Not
 * thread-safe: one thread publishes.
 */
final class RawPublisher implements AutoCloseable {

  private static final int BUFFER = 64 * 1024;
  private static final long ACK_WAIT_NANOS = 10_000_000_000L;
  private static final long ACK_READ_PAUSE_NANOS = 1_000_000;

  private final Socket socket;
  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER];
  private final AtomicLong acked = new AtomicLong();
  private final AtomicReference<IOException> failure = new AtomicReference<>();
  private final Thread reader;
  private int length;
  private int packetId;
  private long published;
  private long publishedQos1;

  /** Connects, with the user name and password when given, and waits for the broker's CONNACK. */
  RawPublisher(String host, int port, String clientId, Optional<String> username, Optional<String> password)
      throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSendBufferSize(1 << 20);
    socket.connect(new InetSocketAddress(host, port), 10_000);
    out = socket.getOutputStream();
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    byte[] user = username.map(u -> u.getBytes(StandardCharsets.UTF_8)).orElse(null);
    byte[] pass = password.map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(null);
    int remaining = 10 + 2 + id.length + (user == null ? 0 : 2 + user.length) + (pass == null ? 0 : 2 + pass.length);
    put((byte) 0x10);
    putLength(remaining);
    putShort(4);
    for (char c : "MQTT".toCharArray()) {
      put((byte) c);
    }
    put((byte) 4); // protocol level 3.1.1
    put((byte) (0x02 | (user == null ? 0 : 0x80) | (pass == null ? 0 : 0x40))); // clean session, user, password
    putShort(0); // no keep-alive: the benchmark talks all the time
    putShort(id.length);
    putBytes(id, 0, id.length);
    for (byte[] field : new byte[][] {user, pass}) {
      if (field != null) {
        putShort(field.length);
        putBytes(field, 0, field.length);
      }
    }
    flush();
    // Buffered: unbuffered, each PUBACK cost three system calls, CPU the hub and the broker then lacked.
    DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
    int type = in.readUnsignedByte();
    int size = in.readUnsignedByte();
    byte[] connack = new byte[size];
    in.readFully(connack);
    if (type != 0x20 || size != 2 || connack[1] != 0) {
      socket.close();
      throw new IOException("the broker refused the connection (CONNACK " + Integer.toHexString(type) + ", code "
          + (size == 2 ? connack[1] : -1) + ")");
    }
    reader = new Thread(() -> readAcks(in), "bench-acks-" + clientId);
    reader.setDaemon(true);
    reader.start();
  }

  /** Adds one PUBLISH to the buffer, writing the buffer out first when it is full. */
  void publish(byte[] topic, byte[] payload, int payloadLength, int qos) throws IOException {
    int remaining = 2 + topic.length + (qos > 0 ? 2 : 0) + payloadLength;
    if (length + remaining + 5 > BUFFER) {
      flush();
    }
    put((byte) (0x30 | (qos << 1)));
    putLength(remaining);
    putShort(topic.length);
    putBytes(topic, 0, topic.length);
    if (qos > 0) {
      packetId = packetId == 0xFFFF ? 1 : packetId + 1;
      putShort(packetId);
    }
    if (length + payloadLength > BUFFER) {
      flush();
      out.write(payload, 0, payloadLength);
    } else {
      putBytes(payload, 0, payloadLength);
    }
    published++;
    if (qos > 0) {
      publishedQos1++;
    }
  }

  /** Writes what is buffered to the socket. */
  void flush() throws IOException {
    IOException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
    if (length > 0) {
      out.write(buffer, 0, length);
      length = 0;
    }
  }

  /** Messages published so far. */
  long published() {
    return published;
  }

  /** CPU time of the thread reading acknowledgements, in nanoseconds. */
  long readerCpuNanos() {
    return Math.max(0, ManagementFactory.getThreadMXBean().getThreadCpuTime(reader.getId()));
  }

  /** PUBACKs received so far. */
  long acked() {
    return acked.get();
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
      awaitAcks(ACK_WAIT_NANOS);
      put((byte) 0xE0);
      put((byte) 0);
      flush();
    } finally {
      socket.close();
    }
  }

  /**
   * Waits until the broker acknowledged every QoS 1 message: a socket closed with acknowledgements unread
   * is reset, and the broker may then drop the messages it has not read yet.
   */
  private void awaitAcks(long timeoutNanos) {
    long until = System.nanoTime() + timeoutNanos;
    while (acked.get() < publishedQos1 && failure.get() == null && System.nanoTime() < until) {
      LockSupport.parkNanos(1_000_000);
    }
  }

  private void readAcks(DataInputStream in) {
    try {
      while (true) {
        int type = in.readUnsignedByte();
        int remaining = readLength(in);
        in.skipNBytes(remaining);
        if ((type & 0xF0) == 0x40) {
          acked.incrementAndGet();
        }
        if (in.available() == 0) {
          // Acknowledgements only feed the window; read them in bunches, not one wake-up each.
          LockSupport.parkNanos(ACK_READ_PAUSE_NANOS);
        }
      }
    } catch (EOFException e) {
      failure.compareAndSet(null, new IOException("the broker closed the connection"));
    } catch (IOException e) {
      if (!socket.isClosed()) {
        failure.compareAndSet(null, e);
      }
    }
  }

  private static int readLength(InputStream in) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 28; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed remaining length");
  }

  private void put(byte b) {
    buffer[length++] = b;
  }

  private void putShort(int v) {
    buffer[length++] = (byte) (v >>> 8);
    buffer[length++] = (byte) v;
  }

  private void putBytes(byte[] bytes, int from, int count) {
    System.arraycopy(bytes, from, buffer, length, count);
    length += count;
  }

  private void putLength(int value) {
    do {
      int digit = value & 0x7F;
      value >>>= 7;
      buffer[length++] = (byte) (value > 0 ? digit | 0x80 : digit);
    } while (value > 0);
  }
}

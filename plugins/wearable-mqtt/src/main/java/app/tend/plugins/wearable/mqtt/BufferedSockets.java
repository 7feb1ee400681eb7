package app.tend.plugins.wearable.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for Paho: input buffered, and no Nagle delay. Paho reads each packet's header a byte at
 * a time from the socket's stream, which costs a system call per byte; with a buffer one read serves many
 * messages. Paho writes each acknowledgement on its own; with Nagle's algorithm a second small write waits
 * for the peer's delayed ACK (up to 40 ms), which held QoS 1 from the embedded broker to about a thousand
 * messages a second: so Nagle is off, and a {@link CoalescingOutputStream} gathers writes for at most 1 ms.
 */
final class BufferedSockets extends SocketFactory {

  private static final int BUFFER = 64 * 1024;

  @Override
  public Socket createSocket() {
    return new BufferedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = new BufferedSocket();
    socket.connect(new java.net.InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    Socket socket = new BufferedSocket();
    socket.bind(new java.net.InetSocketAddress(localHost, localPort));
    socket.connect(new java.net.InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = new BufferedSocket();
    socket.connect(new java.net.InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    Socket socket = new BufferedSocket();
    socket.bind(new java.net.InetSocketAddress(localAddress, localPort));
    socket.connect(new java.net.InetSocketAddress(address, port));
    return socket;
  }

  /** A socket without Nagle's algorithm that hands out one buffered input stream and one coalescing output stream. */
  private static final class BufferedSocket extends Socket {
    private InputStream input;
    private CoalescingOutputStream output;

    BufferedSocket() {
      try {
        setTcpNoDelay(true);
      } catch (SocketException e) {
        throw new IllegalStateException("cannot turn off Nagle's algorithm", e);
      }
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input = new BufferedInputStream(super.getInputStream(), BUFFER);
      }
      return input;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (output == null) {
        output = new CoalescingOutputStream(super.getOutputStream(), String.valueOf(getLocalSocketAddress()));
      }
      return output;
    }

    /** Paho closes the socket, not its stream: what is held goes out first. */
    @Override
    public void close() throws IOException {
      CoalescingOutputStream held;
      synchronized (this) {
        held = output;
      }
      try {
        if (held != null) {
          held.close();
        }
      } catch (IOException e) {
        // The connection is going anyway; what was held is lost with it, as unsent bytes would be.
      } finally {
        super.close();
      }
    }
  }
}

package app.tend.hub.broker;

import app.tend.api.BrokerTls;
import java.util.Optional;
import javax.net.SocketFactory;

/** TLS socket factories for the hub's MQTT clients: the same rules plugins use ({@link BrokerTls}). */
public final class TlsSockets {

  /** A socket factory trusting {@code caFile} if given, else the JVM's default trust store. */
  public static SocketFactory factory(Optional<String> caFile) {
    return BrokerTls.socketFactory(caFile);
  }

  private TlsSockets() {}
}

package app.tend.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for MQTT clients that connect to the hub's broker: the socket factory to hand to the client
 * (e.g. Paho's {@code MqttConnectionOptions.setSocketFactory}) when {@link BrokerSettings#tls()} is true.
 */
public final class BrokerTls {

  /**
   * A socket factory trusting the settings' CA file if one is given, else the JVM's default trust store.
   * Reads the file, so call it off the event loop.
   *
   * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
   */
  public static SocketFactory socketFactory(BrokerSettings broker) {
    return socketFactory(broker.caFile());
  }

  /**
   * A socket factory trusting the PEM certificates in {@code caFile} if given, else the JVM's default
   * trust store. Reads the file, so call it off the event loop.
   *
   * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
   */
  public static SocketFactory socketFactory(Optional<String> caFile) {
    if (caFile.isEmpty()) {
      return SSLSocketFactory.getDefault();
    }
    Path file = Path.of(caFile.get());
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new IllegalArgumentException("CA file " + file + " holds no certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use CA file " + file + ": " + e.getMessage(), e);
    }
  }

  private BrokerTls() {}
}

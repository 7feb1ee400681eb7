package app.tend.hub.broker;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS socket factories for MQTT clients: the JVM's trust store, or one PEM CA file. */
public final class TlsSockets {

  /** A socket factory trusting {@code caFile} if given, else the JVM's default trust store. */
  public static SocketFactory factory(Optional<String> caFile) {
    if (caFile.isEmpty()) {
      return javax.net.ssl.SSLSocketFactory.getDefault();
    }
    try (InputStream in = Files.newInputStream(Path.of(caFile.get()))) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, (X509Certificate) cert);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot use CA file " + caFile.get() + ": " + e.getMessage(), e);
    }
  }

  private TlsSockets() {}
}

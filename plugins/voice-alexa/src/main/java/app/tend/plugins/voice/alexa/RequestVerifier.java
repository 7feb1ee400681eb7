package app.tend.plugins.voice.alexa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Checks a request the way Amazon requires of a skill hosted as a web service: the signature certificate
 * chain URL (https, host {@code s3.amazonaws.com}, path under {@code /echo.api/}, port 443), the chain
 * (valid now, leading to a trusted CA, the signing certificate naming {@code echo-api.amazon.com}), the
 * SHA-256 signature of the raw body ({@code Signature-256}), then the skill's application id and a
 * timestamp within 150 seconds.
 */
final class RequestVerifier {

  static final Duration MAX_SKEW = Duration.ofSeconds(150);
  static final String SAN = "echo-api.amazon.com";

  private final String applicationId;
  private final Clock clock;
  private final Set<TrustAnchor> anchors;
  private final CertificateFetcher fetcher;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, List<X509Certificate>> chains = new ConcurrentHashMap<>();

  RequestVerifier(String applicationId, Clock clock, Set<TrustAnchor> anchors, CertificateFetcher fetcher) {
    this.applicationId = applicationId;
    this.clock = clock;
    this.anchors = Set.copyOf(anchors);
    this.fetcher = fetcher;
  }

  /** The CAs the JVM trusts, as Amazon's chain is checked against in production. */
  static Set<TrustAnchor> jvmTrustAnchors() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    Set<TrustAnchor> found = new HashSet<>();
    for (var manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        for (X509Certificate ca : x509.getAcceptedIssuers()) {
          found.add(new TrustAnchor(ca, null));
        }
      }
    }
    return found;
  }

  /** The verified request's JSON; fails with {@link RequestRefusedException} saying which check failed. */
  Future<JsonNode> verify(String certificateUrl, String signature256, byte[] body) {
    URI url;
    try {
      url = certificateUrl(certificateUrl);
      if (signature256 == null || signature256.isBlank()) {
        throw new RequestRefusedException("signature", "no Signature-256 header");
      }
    } catch (RequestRefusedException e) {
      return Future.failedFuture(e);
    }
    List<X509Certificate> cached = chains.get(url.toString());
    Future<List<X509Certificate>> chain = cached != null ? Future.succeededFuture(cached)
        : fetcher.fetch(url)
            .recover(e -> Future.failedFuture(new RequestRefusedException("certificate",
                "cannot fetch the certificate chain " + url + ": " + e.getMessage(), e)))
            .compose(pem -> {
              try {
                List<X509Certificate> parsed = parse(pem);
                chains.put(url.toString(), parsed);
                return Future.succeededFuture(parsed);
              } catch (RequestRefusedException e) {
                return Future.failedFuture(e);
              }
            });
    return chain.compose(certificates -> {
      try {
        checkChain(certificates);
        checkSignature(certificates.get(0), signature256, body);
        return Future.succeededFuture(checkRequest(body));
      } catch (RequestRefusedException e) {
        return Future.failedFuture(e);
      }
    });
  }

  /** Amazon's rules for {@code SignatureCertChainUrl}, after normalising the path. */
  static URI certificateUrl(String text) throws RequestRefusedException {
    if (text == null || text.isBlank()) {
      throw new RequestRefusedException("certificate_url", "no SignatureCertChainUrl header");
    }
    URI url;
    try {
      url = new URI(text.trim()).normalize();
    } catch (URISyntaxException e) {
      throw new RequestRefusedException("certificate_url", "SignatureCertChainUrl is not a URL: " + text);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    String path = url.getPath() == null ? "" : url.getPath();
    if (!scheme.equals("https")) {
      throw new RequestRefusedException("certificate_url", "SignatureCertChainUrl must use https: " + text);
    }
    if (!host.equals("s3.amazonaws.com")) {
      throw new RequestRefusedException("certificate_url", "SignatureCertChainUrl must be on s3.amazonaws.com: " + text);
    }
    if (!path.startsWith("/echo.api/")) {
      throw new RequestRefusedException("certificate_url", "SignatureCertChainUrl must be under /echo.api/: " + text);
    }
    if (url.getPort() != -1 && url.getPort() != 443) {
      throw new RequestRefusedException("certificate_url", "SignatureCertChainUrl must use port 443: " + text);
    }
    return url;
  }

  private static List<X509Certificate> parse(byte[] pem) throws RequestRefusedException {
    try {
      Collection<? extends java.security.cert.Certificate> read =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
      List<X509Certificate> certificates = new ArrayList<>();
      read.forEach(c -> certificates.add((X509Certificate) c));
      if (certificates.isEmpty()) {
        throw new RequestRefusedException("certificate", "the certificate chain holds no certificate");
      }
      return List.copyOf(certificates);
    } catch (GeneralSecurityException e) {
      throw new RequestRefusedException("certificate", "the certificate chain cannot be read: " + e.getMessage(), e);
    }
  }

  private void checkChain(List<X509Certificate> certificates) throws RequestRefusedException {
    Date now = Date.from(clock.instant());
    X509Certificate signing = certificates.get(0);
    try {
      signing.checkValidity(now);
    } catch (GeneralSecurityException e) {
      throw new RequestRefusedException("certificate", "the signing certificate is not valid now: " + e.getMessage(), e);
    }
    if (!namesEchoApi(signing)) {
      throw new RequestRefusedException("certificate", "the signing certificate does not name " + SAN);
    }
    // A root in the file is a trust anchor, not part of the path.
    List<X509Certificate> path = certificates.stream()
        .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(now);
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    } catch (GeneralSecurityException e) {
      throw new RequestRefusedException("certificate", "the certificate chain does not lead to a trusted CA: "
          + e.getMessage(), e);
    }
  }

  private static boolean namesEchoApi(X509Certificate certificate) throws RequestRefusedException {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return false;
      }
      for (List<?> name : names) {
        if (Integer.valueOf(2).equals(name.get(0)) && SAN.equalsIgnoreCase(String.valueOf(name.get(1)))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      throw new RequestRefusedException("certificate", "the signing certificate's names cannot be read", e);
    }
  }

  private static void checkSignature(X509Certificate signing, String signature256, byte[] body)
      throws RequestRefusedException {
    byte[] signature;
    try {
      signature = Base64.getMimeDecoder().decode(signature256.trim());
    } catch (IllegalArgumentException e) {
      throw new RequestRefusedException("signature", "Signature-256 is not base64");
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(signing.getPublicKey());
      verifier.update(body);
      if (!verifier.verify(signature)) {
        throw new RequestRefusedException("signature", "Signature-256 does not match the body");
      }
    } catch (GeneralSecurityException e) {
      throw new RequestRefusedException("signature", "Signature-256 cannot be checked: " + e.getMessage(), e);
    }
  }

  private JsonNode checkRequest(byte[] body) throws RequestRefusedException {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      throw new RequestRefusedException("malformed", "the body is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new RequestRefusedException("malformed", "the body is not a JSON object");
    }
    String app = root.path("context").path("System").path("application").path("applicationId")
        .asText(root.path("session").path("application").path("applicationId").asText(""));
    if (applicationId.isEmpty() || !applicationId.equals(app)) {
      throw new RequestRefusedException("application_id", applicationId.isEmpty()
          ? "plugins.voice-alexa.applicationId is not set, so no skill is accepted"
          : "the request is for skill '" + app + "', not this one");
    }
    String timestamp = root.path("request").path("timestamp").asText("");
    Instant at;
    try {
      at = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new RequestRefusedException("timestamp", "request.timestamp is not an ISO 8601 time: '" + timestamp + "'");
    }
    Duration skew = Duration.between(at, clock.instant()).abs();
    if (skew.compareTo(MAX_SKEW) > 0) {
      throw new RequestRefusedException("timestamp", "request.timestamp " + timestamp + " is " + skew.toSeconds()
          + " s away from now (at most 150 s)");
    }
    return root;
  }
}

package app.tend.plugins.voice.alexa;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A made-up CA and an Alexa signing certificate it issued, made fresh for a test run with BouncyCastle. */
final class TestCertificates {

  final KeyPair caKeys;
  final X509Certificate ca;
  final KeyPair signingKeys;
  final X509Certificate signing;

  /**
   * @param now the test clock's time; the certificates are valid a day before and a month after
   * @param san the DNS name the signing certificate carries ({@code echo-api.amazon.com} for Amazon's)
   */
  TestCertificates(Instant now, String san) throws Exception {
    this(now, san, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
  }

  TestCertificates(Instant now, String san, Instant signingFrom, Instant signingUntil) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    caKeys = generator.generateKeyPair();
    signingKeys = generator.generateKeyPair();
    X500Name caName = new X500Name("CN=Tend Test Root CA");
    X509v3CertificateBuilder root = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
        Date.from(now.minus(Duration.ofDays(365))), Date.from(now.plus(Duration.ofDays(365))), caName, caKeys.getPublic());
    root.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    root.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    ca = new JcaX509CertificateConverter().getCertificate(
        root.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
    X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, Date.from(signingFrom),
        Date.from(signingUntil), new X500Name("CN=" + san), signingKeys.getPublic());
    leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, san)));
    signing = new JcaX509CertificateConverter().getCertificate(
        leaf.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
  }

  /** The chain as Amazon publishes it: the signing certificate first, then the CA. */
  byte[] pem() throws Exception {
    return (pem(signing) + pem(ca)).getBytes(StandardCharsets.US_ASCII);
  }

  /** The {@code Signature-256} header for a body. */
  String sign(byte[] body) throws Exception {
    return sign(signingKeys.getPrivate(), body);
  }

  static String sign(PrivateKey key, byte[] body) throws Exception {
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(body);
    return Base64.getEncoder().encodeToString(signature.sign());
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
  }
}

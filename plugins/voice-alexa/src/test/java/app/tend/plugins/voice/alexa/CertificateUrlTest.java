package app.tend.plugins.voice.alexa;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Amazon's rules for the signature certificate chain URL, with the examples Amazon gives. */
class CertificateUrlTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
      "HTTPS://s3.AmazonAWS.com/echo.api/echo-api-cert.pem"})
  void validUrlsAreAccepted(String url) {
    assertThatCode(() -> RequestVerifier.certificateUrl(url)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
      "https://notamazon.com/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
      "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
      "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
      "https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem",
      ""})
  void otherUrlsAreRefused(String url) {
    assertThatThrownBy(() -> RequestVerifier.certificateUrl(url)).isInstanceOf(RequestRefusedException.class);
  }
}

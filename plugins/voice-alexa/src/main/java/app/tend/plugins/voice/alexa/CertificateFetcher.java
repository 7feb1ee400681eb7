package app.tend.plugins.voice.alexa;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Fetches the PEM certificate chain a request's {@code SignatureCertChainUrl} names. */
@FunctionalInterface
interface CertificateFetcher {

  /** The PEM bytes at the URL. */
  Future<byte[]> fetch(URI url);

  /** Over HTTPS with the JDK's client and the JVM's trusted CAs. */
  static CertificateFetcher https(Vertx vertx) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return url -> Future.fromCompletionStage(client.sendAsync(
        HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray()), vertx.getOrCreateContext())
        .compose(response -> response.statusCode() == 200 ? Future.succeededFuture(response.body())
            : Future.failedFuture("GET " + url + " answered " + response.statusCode()));
  }
}

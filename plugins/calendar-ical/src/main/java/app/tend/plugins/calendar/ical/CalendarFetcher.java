package app.tend.plugins.calendar.ical;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * Reads one calendar's bytes when they changed: a file when its modification time or size changed, a
 * URL with {@code If-None-Match} and {@code If-Modified-Since}, so an unchanged calendar costs a 304. What
 * marks a version as seen is kept only once the caller {@link #accept}s it, so a version that could not be
 * read is fetched in full again at the next poll instead of being answered "not modified" for ever.
 */
final class CalendarFetcher {

  /** New content, and what identifies its version. */
  record Fetched(byte[] content, String etag, String lastModified, FileTime fileTime, long fileSize) {}

  private static final long TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final HttpClient http;
  private final String source;
  private String etag;
  private String lastModified;
  private FileTime fileTime;
  private long fileSize = -1;

  CalendarFetcher(Vertx vertx, HttpClient http, String source) {
    this.vertx = vertx;
    this.http = http;
    this.source = source;
  }

  /** The new content, or empty when it has not changed since the last version accepted. */
  Future<Optional<Fetched>> fetch() {
    return source.matches("(?i)https?:.*") ? fetchUrl() : fetchFile();
  }

  /** The caller has read this version: later fetches ask whether it changed. */
  void accept(Fetched fetched) {
    etag = fetched.etag();
    lastModified = fetched.lastModified();
    fileTime = fetched.fileTime();
    fileSize = fetched.fileSize();
  }

  /** The source without any user name or password in it, for logs. */
  String label() {
    if (!source.matches("(?i)https?:.*")) {
      return source;
    }
    URI uri = URI.create(source);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath();
  }

  private Future<Optional<Fetched>> fetchFile() {
    FileTime seenTime = fileTime;
    long seenSize = fileSize;
    return vertx.executeBlocking(() -> {
      Path path = Path.of(source);
      FileTime time = Files.getLastModifiedTime(path);
      long size = Files.size(path);
      if (time.equals(seenTime) && size == seenSize) {
        return Optional.empty();
      }
      return Optional.of(new Fetched(Files.readAllBytes(path), null, null, time, size));
    });
  }

  private Future<Optional<Fetched>> fetchUrl() {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(source)
        .setFollowRedirects(true)
        .setTimeout(TIMEOUT_MS)
        .putHeader(HttpHeaders.ACCEPT, "text/calendar, */*;q=0.5");
    if (etag != null) {
      options.putHeader(HttpHeaders.IF_NONE_MATCH, etag);
    }
    if (lastModified != null) {
      options.putHeader(HttpHeaders.IF_MODIFIED_SINCE, lastModified);
    }
    return http.request(options)
        .compose(request -> request.send())
        .compose(response -> {
          if (response.statusCode() == 304) {
            return response.body().map(ignored -> Optional.<Fetched>empty());
          }
          if (response.statusCode() != 200) {
            return response.body().compose(ignored -> Future.failedFuture(
                "HTTP " + response.statusCode() + " " + response.statusMessage() + " from " + label()));
          }
          String newEtag = response.getHeader(HttpHeaders.ETAG);
          String newLastModified = response.getHeader(HttpHeaders.LAST_MODIFIED);
          return response.body().map(body -> Optional.of(new Fetched(body.getBytes(), newEtag, newLastModified, null, -1)));
        });
  }
}

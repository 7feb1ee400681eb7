package app.tend.plugins.home.routines;

import app.tend.api.PluginContext;
import app.tend.api.Secret;
import app.tend.api.message.RoutineAction;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Target {@code webhook}: any HTTP endpoint (Node-RED, n8n, IFTTT-style hooks). Parameters: {@code url},
 * {@code method} (default {@code POST}), {@code body} (a section is sent as JSON, text as plain text),
 * {@code contentType} to say otherwise, and a token by reference: {@code tokenEnv} or {@code tokenFile},
 * sent as {@code Authorization: Bearer <token>} or in the header {@code tokenHeader}.
 */
@Extension
public final class WebhookTarget extends HttpTarget {

  /** The target type routines name. */
  public static final String TYPE = "webhook";

  private static final Pattern ANY = Pattern.compile("(?s).+");
  private static final Pattern METHOD = Pattern.compile("GET|POST|PUT|PATCH|DELETE");
  private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,100}");
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[A-Za-z0-9.+-]+(;.*)?");

  public WebhookTarget(PluginContext context) {
    super(context);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  protected HomeRoutinesConfig.Server server(HomeRoutinesConfig config) {
    return HomeRoutinesConfig.Server.NONE;
  }

  @Override
  protected String serverKey() {
    return "webhook";
  }

  @Override
  protected Future<HttpCall> call(RoutineAction action) {
    Params params = Params.of(action, List.of("url", "method", "body", "contentType", "tokenEnv", "tokenFile",
        "tokenHeader"));
    String url = params.required("url", ANY, "an http:// or https:// URL");
    checkUrl(url);
    HttpMethod method = HttpMethod.valueOf(params.optional("method", METHOD, "GET, POST, PUT, PATCH or DELETE").orElse("POST"));
    String body = params.optional("body", ANY, "a body").orElse("");
    String contentType = params.optional("contentType", MEDIA_TYPE, "a media type like application/json")
        .orElse(body.isEmpty() ? "" : looksLikeJson(body) ? "application/json" : "text/plain; charset=utf-8");
    String header = params.optional("tokenHeader", HEADER, "a header name like X-Api-Key").orElse(HttpCall.AUTHORIZATION);
    String tokenEnv = action.params().get("tokenEnv");
    String tokenFile = action.params().get("tokenFile");
    // Named per action; read each time (a file may be rotated), off the event loop.
    return context.vertx().<Optional<Secret>>executeBlocking(() -> Secret.read("params.token", tokenEnv, tokenFile, System.getenv()))
        .map(secret -> new HttpCall(method, url, header, secret, contentType, body));
  }

  private static void checkUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new Params.BadParam("params.url: '" + url + "' is not valid: expected an http:// or https:// URL");
    }
  }

  /** A body that parses as JSON is sent as JSON; anything else (a parse error included) as plain text. */
  private static boolean looksLikeJson(String body) {
    String trimmed = body.strip();
    if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
      return false;
    }
    try {
      Json.decodeValue(trimmed);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}

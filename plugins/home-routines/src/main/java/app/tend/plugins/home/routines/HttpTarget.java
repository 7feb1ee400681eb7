package app.tend.plugins.home.routines;

import app.tend.api.PluginContext;
import app.tend.api.RoutineTarget;
import app.tend.api.Secret;
import app.tend.api.message.ActionOutcome;
import app.tend.api.message.RoutineAction;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Optional;

/**
 * What the HTTP targets share: a WebClient of their own, the server's token read once at start (off the
 * event loop), and bad parameters answered with a failed outcome that names them.
 */
abstract class HttpTarget implements RoutineTarget {

  protected final PluginContext context;
  protected HomeRoutinesConfig config;
  protected HttpSender sender;
  protected Optional<Secret> token = Optional.empty();
  private WebClient client;

  HttpTarget(PluginContext context) {
    this.context = context;
  }

  /** The server this target calls, or {@link HomeRoutinesConfig.Server#NONE}. */
  protected abstract HomeRoutinesConfig.Server server(HomeRoutinesConfig config);

  /** The config key of that server, e.g. {@code homeAssistant}. */
  protected abstract String serverKey();

  /** Builds the request for an action; throws {@link Params.BadParam} naming a bad parameter. */
  protected abstract Future<HttpCall> call(RoutineAction action);

  @Override
  public Future<Void> start() {
    config = context.config(HomeRoutinesConfig.class);
    client = WebClient.create(context.vertx(), new WebClientOptions().setConnectTimeout(10_000)
        .setUserAgent("Tend/" + context.pluginId()));
    sender = new HttpSender(client, config.maxDetailChars());
    HomeRoutinesConfig.Server server = server(config);
    String key = "plugins." + context.pluginId() + "." + serverKey() + ".token";
    return context.vertx().executeBlocking(() -> Secret.read(key, server.tokenEnv(), server.tokenFile(), System.getenv()))
        .onSuccess(read -> token = read)
        .mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<ActionOutcome> execute(RoutineAction action, boolean dryRun) {
    Future<HttpCall> call;
    try {
      call = call(action);
    } catch (Params.BadParam bad) {
      return failed(bad.getMessage());
    }
    return call.transform(built -> built.failed()
        ? failed(built.cause() instanceof Params.BadParam || built.cause() instanceof IllegalArgumentException
            ? built.cause().getMessage() : "cannot build the request: " + built.cause().getMessage())
        : sender.send(type(), built.result(), dryRun));
  }

  /** The base URL of the server, or a {@link Params.BadParam} saying it is not set. */
  protected String baseUrl() {
    String url = server(config).url();
    if (url.isEmpty()) {
      throw new Params.BadParam("plugins." + context.pluginId() + "." + serverKey() + ".url is not set");
    }
    return url;
  }

  private Future<ActionOutcome> failed(String why) {
    return Future.succeededFuture(new ActionOutcome(type(), false, why, 0));
  }
}

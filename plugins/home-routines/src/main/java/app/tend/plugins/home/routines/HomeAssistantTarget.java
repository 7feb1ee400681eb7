package app.tend.plugins.home.routines;

import app.tend.api.PluginContext;
import app.tend.api.message.RoutineAction;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Target {@code home-assistant}: calls a Home Assistant service through its REST API, as Home Assistant
 * documents it: {@code POST /api/services/<domain>/<service>} with {@code Authorization: Bearer <long-lived
 * access token>} and the service data as a JSON body. Parameters: {@code service} ({@code scene.turn_on},
 * {@code light.turn_on}, {@code media_player.play_media} …) and {@code data} (a section: the service data,
 * e.g. {@code entity_id}).
 */
@Extension
public final class HomeAssistantTarget extends HttpTarget {

  /** The target type routines name. */
  public static final String TYPE = "home-assistant";

  private static final Pattern SERVICE = Pattern.compile("([a-z0-9_]+)\\.([a-z0-9_]+)");

  public HomeAssistantTarget(PluginContext context) {
    super(context);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  protected HomeRoutinesConfig.Server server(HomeRoutinesConfig config) {
    return config.homeAssistant();
  }

  @Override
  protected String serverKey() {
    return "homeAssistant";
  }

  @Override
  protected Future<HttpCall> call(RoutineAction action) {
    Params params = Params.of(action, List.of("service", "data"));
    Matcher service = SERVICE.matcher(params.required("service", SERVICE, "a service like light.turn_on"));
    service.matches();
    String data = params.optional("data", Pattern.compile("(?s)\\s*\\{.*"), "a section of service data, e.g. {entity_id: scene.calm}")
        .orElse("{}");
    try {
      new JsonObject(data);
    } catch (DecodeException e) {
      throw new Params.BadParam("params.data is not valid: expected a section of service data, e.g. {entity_id: scene.calm}");
    }
    String url = baseUrl() + "/api/services/" + service.group(1) + "/" + service.group(2);
    return Future.succeededFuture(HttpCall.bearer(HttpMethod.POST, url, token, "application/json", data));
  }
}

package app.tend.plugins.home.routines;

import app.tend.api.PluginContext;
import app.tend.api.message.RoutineAction;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Target {@code openhab}: sends a command to an openHAB item through its REST API,
 * {@code POST /rest/items/<item>} with the command as a plain-text body ({@code ON}, {@code OFF}, {@code 30},
 * a scene number), with {@code Authorization: Bearer <API token>} when a token is configured.
 * Parameters: {@code item} and {@code command}.
 */
@Extension
public final class OpenHabTarget extends HttpTarget {

  /** The target type routines name. */
  public static final String TYPE = "openhab";

  private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9_]{1,200}");
  private static final Pattern COMMAND = Pattern.compile("[^\\r\\n]{1,1000}");

  public OpenHabTarget(PluginContext context) {
    super(context);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  protected HomeRoutinesConfig.Server server(HomeRoutinesConfig config) {
    return config.openhab();
  }

  @Override
  protected String serverKey() {
    return "openhab";
  }

  @Override
  protected Future<HttpCall> call(RoutineAction action) {
    Params params = Params.of(action, List.of("item", "command"));
    String item = params.required("item", ITEM, "an openHAB item name like LivingRoom_Light");
    String command = params.required("command", COMMAND, "a command on one line, e.g. ON or 30");
    return Future.succeededFuture(HttpCall.bearer(HttpMethod.POST, baseUrl() + "/rest/items/" + item, token,
        "text/plain", command));
  }
}

package app.tend.hub.api;

import app.tend.api.message.ActionOutcome;
import app.tend.api.message.RoutineRun;
import app.tend.hub.config.RoutineActionConfig;
import app.tend.hub.config.RoutineConfig;
import app.tend.hub.http.Responses;
import app.tend.hub.routines.RoutineEngine;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /api/routines}: the configured routines, their recorded runs, and firing one by hand (or dry). */
public final class RoutinesResource implements ApiResource {

  private static final int DEFAULT_LIMIT = 50;

  private final RoutineEngine engine;

  public RoutinesResource(RoutineEngine engine) {
    this.engine = engine;
  }

  /** A routine as the API shows it. */
  record RoutineView(String id, String trigger, RoutineConfig.Conditions conditions, List<RoutineActionConfig> actions) {}

  /** A run as the API shows it. */
  record RunView(String routine, String trigger, String person, boolean dryRun, boolean ok, List<ActionOutcome> outcomes,
      Instant time) {

    static RunView of(RoutineRun run) {
      return new RunView(run.routine(), run.trigger(), run.person(), run.dryRun(), run.ok(), run.outcomes(), run.time());
    }
  }

  @Override
  public void bind(Operations operations) {
    operations.route("listRoutines").addHandler(ctx -> Responses.json(ctx, 200, engine.routines().entrySet().stream()
        .map(RoutinesResource::view).toList()));
    operations.route("listRoutineRuns").addHandler(ctx -> {
      String id = known(ctx);
      if (id != null) {
        String limit = ctx.queryParam("limit").stream().findFirst().orElse(null);
        engine.runs(id, limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit)).onComplete(result -> {
          if (result.succeeded()) {
            Responses.json(ctx, 200, result.result().stream().map(RunView::of).toList());
          } else {
            ctx.fail(result.cause());
          }
        });
      }
    });
    operations.route("fireRoutine").addHandler(ctx -> {
      String id = known(ctx);
      if (id != null) {
        boolean dryRun = ctx.queryParam("dryRun").stream().findFirst().map(Boolean::parseBoolean).orElse(false);
        String person = ctx.queryParam("person").stream().findFirst().orElse("");
        engine.fire(id, person, dryRun).onComplete(result -> {
          if (result.succeeded()) {
            Responses.json(ctx, 200, RunView.of(result.result()));
          } else {
            ctx.fail(result.cause());
          }
        });
      }
    });
  }

  /** The routine id of the path, or null after answering 404. */
  private String known(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!engine.routines().containsKey(id)) {
      Responses.error(ctx, 404, "no routine '" + id + "'");
      return null;
    }
    return id;
  }

  private static RoutineView view(Map.Entry<String, RoutineConfig> routine) {
    RoutineConfig config = routine.getValue();
    return new RoutineView(routine.getKey(), config.trigger(), config.conditions(), config.actions());
  }
}

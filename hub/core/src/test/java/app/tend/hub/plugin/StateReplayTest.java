package app.tend.hub.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.Addresses;
import app.tend.api.BrokerSettings;
import app.tend.api.message.DoNotDisturb;
import app.tend.api.message.Intent;
import app.tend.api.message.ScheduleState;
import app.tend.api.message.ScheduleStatus;
import app.tend.api.message.StressLevel;
import app.tend.api.message.StressState;
import app.tend.hub.api.LatestState;
import app.tend.hub.bus.MessageCodecs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A plugin subscribing to a state address gets every person's latest message first, from the hub's LatestState. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StateReplayTest {

  private static final Instant T = Instant.parse("2026-03-04T10:00:00Z");

  @TempDir Path temp;
  private Vertx vertx;
  private HostedPluginContext context;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    MessageCodecs.register(vertx.eventBus());
    vertx.deployVerticle(new LatestState(Clock.systemUTC())).await(10, TimeUnit.SECONDS);
    context = new HostedPluginContext("home-assistant", vertx, new SimpleMeterRegistry(), Clock.systemUTC(), temp,
        Router.router(vertx), new BrokerSettings("tcp://127.0.0.1:1", Optional.empty(), Optional.empty(),
            Optional.empty(), false), e -> { });
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aLateSubscriberGetsEachPersonsLatestStressScheduleAndDoNotDisturb() throws Exception {
    publish(Addresses.STRESS.name(), stress("alex", T, 40));
    publish(Addresses.STRESS.name(), stress("alex", T.plusSeconds(5), 72));
    publish(Addresses.STRESS.name(), stress("sam", T, 10));
    publish(Addresses.SCHEDULE.name(), new ScheduleStatus("alex", ScheduleState.DECOMPRESS, false, null, null, T, null));
    publish(Addresses.DO_NOT_DISTURB.name(), new DoNotDisturb("alex", true, "home-assistant", T));
    Thread.sleep(200);

    List<StressState> stress = new CopyOnWriteArrayList<>();
    List<ScheduleStatus> schedule = new CopyOnWriteArrayList<>();
    List<DoNotDisturb> quiet = new CopyOnWriteArrayList<>();
    List<Intent> intents = new CopyOnWriteArrayList<>();
    vertx.runOnContext(ignored -> {
      context.subscribe(Addresses.STRESS, stress::add);
      context.subscribe(Addresses.SCHEDULE, schedule::add);
      context.subscribe(Addresses.DO_NOT_DISTURB, quiet::add);
      context.subscribe(Addresses.INTENTS, intents::add);
    });

    await().atMost(Duration.ofSeconds(5)).until(() -> stress.size() == 2 && schedule.size() == 1 && quiet.size() == 1);
    assertThat(stress).extracting(StressState::person, StressState::score)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("alex", 72), org.assertj.core.groups.Tuple.tuple("sam", 10));
    assertThat(schedule.get(0).state()).isEqualTo(ScheduleState.DECOMPRESS);
    assertThat(quiet.get(0).on()).isTrue();
    assertThat(intents).as("events are not replayed").isEmpty();
  }

  @Test
  void theNewestMessageIsTheLastTheSubscriberGets() throws Exception {
    publish(Addresses.STRESS.name(), stress("alex", T, 40));
    Thread.sleep(200);
    List<StressState> stress = new CopyOnWriteArrayList<>();
    vertx.runOnContext(ignored -> {
      context.subscribe(Addresses.STRESS, stress::add);
      // Published while the replay is asked for: whichever comes first, the newer must be the last one delivered.
      vertx.eventBus().publish(Addresses.STRESS.name(), stress("alex", T.plusSeconds(5), 90));
    });

    await().atMost(Duration.ofSeconds(5)).until(() -> stress.stream().anyMatch(s -> s.score() == 90));
    Thread.sleep(300);
    assertThat(stress).extracting(StressState::score).endsWith(90).doesNotHaveDuplicates();
  }

  private void publish(String address, Object message) {
    vertx.eventBus().publish(address, message);
  }

  private static StressState stress(String person, Instant time, int score) {
    return new StressState(person, time, score, StressLevel.HIGH, 0.9, Map.of(), "test");
  }
}

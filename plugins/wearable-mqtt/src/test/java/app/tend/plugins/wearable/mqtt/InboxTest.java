package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.Meters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class InboxTest {

  @Test
  void messagesBeyondTheQueueAreCountedAsOverflowAndTheRestAreHandledOnTheEventLoopEachSliceClosed(Vertx vertx) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Rejections rejections = new Rejections(meters, Clock.systemUTC());
    Context context = vertx.getOrCreateContext();
    List<String> handled = new CopyOnWriteArrayList<>();
    List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    Inbox inbox = new Inbox(context, 4, message -> {
      handled.add(message.topic());
      onEventLoop.add(Vertx.currentContext() == context);
    }, dropped -> rejections.reject(Reason.OVERFLOW, dropped.topic(), "full"), () -> handled.add("slice end"));

    // Offered from the event loop itself, so nothing is drained before all ten are offered.
    context.runOnContext(ignored -> {
      for (int i = 0; i < 10; i++) {
        inbox.offer(new Inbound("t/" + i, new byte[0], 0));
      }
    });

    await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 5);
    assertThat(handled).containsExactly("t/0", "t/1", "t/2", "t/3", "slice end");
    assertThat(onEventLoop).containsOnly(true);
    assertThat(meters.get(Meters.WEARABLE_REJECTED).tag(Meters.TAG_REASON, "overflow").counter().count()).isEqualTo(6);

    inbox.offer(new Inbound("t/later", new byte[0], 0));
    await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 7);
    assertThat(handled.subList(5, 7)).containsExactly("t/later", "slice end");
  }
}

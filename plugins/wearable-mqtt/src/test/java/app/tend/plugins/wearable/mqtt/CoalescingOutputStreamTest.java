package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescingOutputStreamTest {

  @Test
  void firstFlushGoesOutAtOnceAndOneSoonAfterIsHeldUntilClose() throws IOException {
    ByteArrayOutputStream socket = new ByteArrayOutputStream();
    CoalescingOutputStream out = new CoalescingOutputStream(socket, "test", TimeUnit.HOURS.toNanos(1));

    out.write(new byte[] {1, 2}, 0, 2);
    out.flush();
    assertThat(socket.toByteArray()).containsExactly(1, 2);

    out.write(new byte[] {3}, 0, 1);
    out.flush();
    out.write(new byte[] {4}, 0, 1);
    out.flush();
    assertThat(socket.toByteArray()).containsExactly(1, 2);

    out.close();
    assertThat(socket.toByteArray()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void aHeldFlushGoesOutByItself() throws IOException {
    ByteArrayOutputStream socket = new ByteArrayOutputStream();
    CoalescingOutputStream out = new CoalescingOutputStream(socket, "test", TimeUnit.MILLISECONDS.toNanos(50));

    for (byte b = 1; b <= 3; b++) {
      out.write(new byte[] {b}, 0, 1);
      out.flush();
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> socket.size() == 3);
    assertThat(socket.toByteArray()).containsExactly(1, 2, 3);
    out.close();
  }
}

package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SeenTimesTest {

  private static final long T = 1_700_000_000_000L;

  private final long[] scratch = new long[SeenTimes.CHUNK + 1];
  private final SeenTimes times = new SeenTimes();

  @Test
  void keepsExactlyTheTimesAddedWhateverTheirOrder() {
    Random random = new Random(7);
    TreeSet<Long> expected = new TreeSet<>();
    long newest = T;
    for (int step = 0; step < 200_000; step++) {
      int op = random.nextInt(100);
      long time;
      if (op < 60 || expected.isEmpty()) {
        newest += random.nextInt(4) == 0 ? 1 + random.nextInt(3_000) : 250; // mostly steady, sometimes not
        time = newest;
      } else if (op < 97) {
        time = newest - random.nextInt(600_000); // late, or again
      } else if (op < 99) {
        long oldest = newest - 500_000 - random.nextInt(100_000);
        times.forgetBefore(oldest);
        while (expected.size() > times.size()) {
          assertThat(expected.pollFirst()).isLessThan(oldest); // whole chunks, oldest first
        }
        continue;
      } else {
        long last = times.dropOldest();
        expected.headSet(last, true).clear();
        continue;
      }
      assertThat(times.add(time, scratch)).isEqualTo(expected.add(time));
      newest = Math.max(newest, time);
    }

    assertThat(times.size()).isEqualTo(expected.size());
    assertThat(times.newest()).isEqualTo(expected.last());
    assertThat(decoded()).containsExactlyElementsOf(expected);
    for (long t = expected.first() - 10; t <= expected.first() + 100_000; t++) {
      assertThat(times.contains(t, scratch)).isEqualTo(expected.contains(t));
    }
  }

  @Test
  void aSteadySeriesCostsAFewBytesPerChunk() {
    for (int i = 0; i < 100 * SeenTimes.CHUNK; i++) {
      times.add(T + i * 1000L, scratch);
    }
    int[] bytes = new int[1];
    times.forEachChunk((first, size, data, length) -> bytes[0] += length);

    assertThat(bytes[0]).isLessThanOrEqualTo(100 * 4);
  }

  @Test
  void bytesThatAreNoChunkAreRefused() {
    assertThatThrownBy(() -> SeenTimes.decode(T, 3, new byte[] {2}, 1, scratch))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SeenTimes.decode(T, 2, new byte[] {(byte) 0x81}, 1, scratch))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SeenTimes.decode(T, SeenTimes.CHUNK + 1, new byte[0], 0, scratch))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<Long> decoded() {
    List<Long> all = new ArrayList<>();
    times.forEachChunk((first, size, data, length) -> {
      int n = SeenTimes.decode(first, size, data, length, scratch);
      for (int i = 0; i < n; i++) {
        all.add(scratch[i]);
      }
    });
    return all;
  }
}

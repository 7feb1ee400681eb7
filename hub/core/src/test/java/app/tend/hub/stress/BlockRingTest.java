package app.tend.hub.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BlockRingTest {

  @Test
  void blocksAverageTenSecondsAndTheRingKeepsOnlyTheNewest() {
    BlockRing ring = new BlockRing(3);
    for (int block = 1; block <= 5; block++) {
      for (int s = 0; s < BlockRing.BLOCK_SECONDS; s++) {
        ring.push(block * 10 + (s % 2 == 0 ? -1 : 1));
      }
    }

    assertThat(ring.block(0)).isCloseTo(50, within(1e-9));
    assertThat(ring.min(3)).isCloseTo(30, within(1e-9));
    assertThat(ring.max(3)).isCloseTo(50, within(1e-9));
    assertThat(ring.mean(2)).isCloseTo(45, within(1e-9));
    assertThat(ring.block(3)).isNaN();
  }

  @Test
  void aBlockWithTooFewValuesIsMissingAndSkipped() {
    BlockRing ring = new BlockRing(4);
    for (int s = 0; s < BlockRing.BLOCK_SECONDS; s++) {
      ring.push(7);
    }
    for (int s = 0; s < BlockRing.BLOCK_SECONDS; s++) {
      ring.push(s < 3 ? 100 : Double.NaN);
    }

    assertThat(ring.block(0)).isNaN();
    assertThat(ring.min(4)).isEqualTo(7);
    assertThat(ring.max(4)).isEqualTo(7);
  }

  @Test
  void emptyRingHasNoExtremes() {
    BlockRing ring = new BlockRing(4);

    assertThat(ring.min(4)).isNaN();
    assertThat(ring.max(4)).isNaN();
    assertThat(ring.mean(4)).isNaN();
  }
}

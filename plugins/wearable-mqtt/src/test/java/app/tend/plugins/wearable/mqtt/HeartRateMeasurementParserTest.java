package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HeartRateMeasurementParserTest {

  @Test
  void readsUint16HeartRateEnergyExpendedAndEveryRrInterval() throws Exception {
    HeartRateMeasurement m = HeartRateMeasurementParser.parse(Fixtures.bytes("hrm-uint16-energy-rr.bin"));

    assertThat(m.heartRate()).isEqualTo(72);
    assertThat(m.contactSupported()).isTrue();
    assertThat(m.contactDetected()).isTrue();
    assertThat(m.energyExpendedKj()).isEqualTo(291);
    assertThat(m.rrMillis()).hasSize(3);
    assertThat(m.rrMillis().get(0)).isCloseTo(840 * 1000.0 / 1024, within(1e-9));
    assertThat(m.rrMillis().get(1)).isCloseTo(873 * 1000.0 / 1024, within(1e-9));
    assertThat(m.rrMillis().get(2)).isCloseTo(820 * 1000.0 / 1024, within(1e-9));
  }

  @Test
  void readsUint8HeartRateWithoutEnergy() throws Exception {
    HeartRateMeasurement m = HeartRateMeasurementParser.parse(BlePayloads.bytes(Fixtures.bytes("hrm-uint8-rr.hex")));

    assertThat(m.heartRate()).isEqualTo(60);
    assertThat(m.energyExpendedKj()).isEqualTo(-1);
    assertThat(m.rrMillis()).containsExactly(1000.0);
  }

  @Test
  void reportsMissingSkinContact() throws Exception {
    HeartRateMeasurement m = HeartRateMeasurementParser.parse(BlePayloads.bytes(Fixtures.bytes("hrm-no-contact.hex")));

    assertThat(m.noContact()).isTrue();
  }

  @Test
  void refusesAMeasurementShorterThanItsFlagsAnnounce() {
    assertThatThrownBy(() -> HeartRateMeasurementParser.parse(Fixtures.bytes("hrm-truncated.bin")))
        .isInstanceOf(RejectedPayload.class)
        .hasMessageContaining("energy expended");
  }

  @Test
  void refusesAnOddByteAmongRrIntervals() {
    assertThatThrownBy(() -> HeartRateMeasurementParser.parse(new byte[] {0x10, 60, 0x00, 0x04, 0x01}))
        .isInstanceOf(RejectedPayload.class)
        .hasMessageContaining("RR intervals take 2 bytes");
  }
}

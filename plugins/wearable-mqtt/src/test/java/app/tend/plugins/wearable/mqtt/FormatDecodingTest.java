package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.tend.api.message.Sample;
import app.tend.api.message.SignalKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each payload format, from stored fixtures, through the same router, gate and checks the plugin uses. */
class FormatDecodingTest {

  private static final String BAND = "c4:7c:8d:6a:12:34";

  private final DecoderHarness harness = new DecoderHarness(WearableMqttConfig.defaults().withDevices(
      Map.of("C4:7C:8D:6A:12:34", "alex", "/ble/data/chest-strap/180d/2a37", "sam"),
      List.of(new WearableMqttConfig.StateTopic("home/sensor/alex_hr/state", "alex", "hr", null))));

  @Test
  void tendSingleSampleNamesPersonDeviceAndKindInTheTopic() {
    List<Sample> samples = harness.handle("tend/wearable/alex/watch/hr", Fixtures.bytes("tend-single.json"));

    assertThat(samples).containsExactly(
        new Sample("alex", "watch", SignalKind.HR, Instant.parse("2026-01-01T00:00:00Z"), 72.5));
  }

  @Test
  void tendBatchCarriesManyKindsAndSkipsAnUnknownOneAlone() {
    List<Sample> samples = harness.handle("tend/wearable/alex/watch", Fixtures.bytes("tend-batch.json"));

    assertThat(samples).extracting(Sample::kind)
        .containsExactly(SignalKind.HR, SignalKind.RR, SignalKind.EDA, SignalKind.SKIN_TEMP);
    assertThat(samples.get(1).time()).isEqualTo(Instant.parse("2026-01-01T00:00:00.412Z"));
    assertThat(DecoderHarness.values(samples)).containsExactly(71.0, 845.0, 2.31, 33.4);
    assertThat(harness.rejected(Reason.UNKNOWN_KIND)).isEqualTo(1);
  }

  @Test
  void bluetoothHeartRateFromEspruinoHubStampsEachBeatBackFromArrival() {
    List<Sample> samples = harness.handle("/ble/data/" + BAND + "/180d/2a37", Fixtures.bytes("hrm-uint16-energy-rr.bin"));

    assertThat(samples).allMatch(s -> s.person().equals("alex") && s.device().equals(BAND));
    assertThat(samples).extracting(Sample::kind)
        .containsExactly(SignalKind.HR, SignalKind.RR, SignalKind.RR, SignalKind.RR);
    assertThat(samples.get(0).value()).isEqualTo(72);
    assertThat(samples.get(0).time()).isEqualTo(DecoderHarness.NOW);
    long now = DecoderHarness.NOW.toEpochMilli();
    // The last beat ends at arrival, each earlier one an RR interval before the next.
    assertThat(samples.get(3).time().toEpochMilli()).isEqualTo(now);
    assertThat(samples.get(2).time().toEpochMilli()).isEqualTo(Math.round(now - 820 * 1000.0 / 1024));
    assertThat(samples.get(1).time().toEpochMilli())
        .isEqualTo(Math.round(now - 820 * 1000.0 / 1024 - 873 * 1000.0 / 1024));
    assertThat(samples.get(1).value()).isCloseTo(820.3125, within(1e-9));
  }

  @Test
  void bluetoothHeartRateAsJsonByteArrayOrHexMapsTheTopicWithoutMacToItsPerson() {
    List<Sample> samples = harness.handle("/ble/data/chest-strap/180d/2a37", Fixtures.bytes("hrm-espruino.json"));

    assertThat(samples).extracting(Sample::person).containsOnly("sam");
    assertThat(samples).extracting(Sample::kind).containsExactly(SignalKind.HR, SignalKind.RR);
    assertThat(DecoderHarness.values(samples)).containsExactly(72.0, 750.0);
  }

  @Test
  void openMqttGatewayGivesHeartRateAndTurnsTheStepTotalIntoIncrements() {
    List<Sample> first = harness.handle("home/OpenMQTTGateway/BTtoMQTT/C47C8D6A1234", Fixtures.bytes("omg-miband-1.json"));
    List<Sample> second = harness.handle("home/OpenMQTTGateway/BTtoMQTT/C47C8D6A1234", Fixtures.bytes("omg-miband-2.json"));

    assertThat(first).containsExactly(new Sample("alex", BAND, SignalKind.HR, DecoderHarness.NOW, 78));
    assertThat(second).containsExactly(
        new Sample("alex", BAND, SignalKind.HR, DecoderHarness.NOW, 81),
        new Sample("alex", BAND, SignalKind.STEPS, DecoderHarness.NOW, 31));
  }

  @Test
  void plainStateTopicIsMappedToItsPersonAndKind() {
    List<Sample> samples = harness.handle("home/sensor/alex_hr/state", Fixtures.bytes("state-hr.txt"));

    assertThat(samples).containsExactly(
        new Sample("alex", "home/sensor/alex_hr/state", SignalKind.HR, DecoderHarness.NOW, 72));
  }
}

package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per reason a payload or sample is dropped: it is counted under that reason, and nothing else is lost. */
class RejectionTest {

  private static final String TOPIC = "tend/wearable/alex/watch/";
  private static final long T = DecoderHarness.NOW.toEpochMilli() - 60_000;

  private final DecoderHarness harness = new DecoderHarness(WearableMqttConfig.defaults().withDevices(
      Map.of("C4:7C:8D:6A:12:34", "alex"),
      List.of(new WearableMqttConfig.StateTopic("home/sensor/alex_hr/state", "alex", "hr", null))));

  @Test
  void malformedJsonIsCounted() {
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + T + ",\"v\":")).isEmpty();
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":\"yesterday\",\"v\":70}")).isEmpty();
    assertThat(harness.handle(TOPIC + "hr", "{\"v\":70}")).isEmpty();
    assertThat(harness.handle("home/sensor/alex_hr/state", "unavailable")).isEmpty();
    assertThat(harness.handle("tend/wearable/Alex/watch/hr", "{\"t\":" + T + ",\"v\":70}")).isEmpty();
    assertThat(harness.handle("/ble/data/c4:7c:8d:6a:12:34/180d/2a37", Fixtures.bytes("hrm-truncated.bin"))).isEmpty();

    assertThat(harness.rejected(Reason.MALFORMED)).isEqualTo(6);
    assertThat(harness.rejectedTotal()).isEqualTo(6);
  }

  @Test
  void anEmptyPayloadClearsARetainedMessageAndIsNoRejection() {
    for (String topic : List.of(TOPIC + "hr", "tend/wearable/alex/watch", "home/sensor/alex_hr/state",
        "/ble/data/c4:7c:8d:6a:12:34/180d/2a37", "home/OpenMQTTGateway/BTtoMQTT/C47C8D6A1234")) {
      assertThat(harness.handle(topic, new byte[0])).isEmpty();
    }

    assertThat(harness.rejectedTotal()).isZero();
  }

  @Test
  void unknownDeviceIsCounted() {
    assertThat(harness.handle("/ble/data/00:11:22:33:44:55/180d/2a37", Fixtures.bytes("hrm-espruino.json"))).isEmpty();
    assertThat(harness.handle("home/OpenMQTTGateway/BTtoMQTT/001122334455",
        "{\"id\":\"00:11:22:33:44:55\",\"act_bpm\":70}")).isEmpty();

    assertThat(harness.rejected(Reason.UNKNOWN_DEVICE)).isEqualTo(2);
  }

  @Test
  void unknownKindIsCounted() {
    assertThat(harness.handle(TOPIC + "ppg", "{\"t\":" + T + ",\"v\":0.4}")).isEmpty();
    assertThat(harness.handle("home/OpenMQTTGateway/BTtoMQTT/C47C8D6A1234", "{\"id\":\"C4:7C:8D:6A:12:34\",\"batt\":80}"))
        .isEmpty();

    assertThat(harness.rejected(Reason.UNKNOWN_KIND)).isEqualTo(2);
  }

  @Test
  void valuesOutsideThePhysiologicalRangeAreCounted() {
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + T + ",\"v\":241}")).isEmpty();
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + T + ",\"v\":24}")).isEmpty();
    assertThat(harness.handle(TOPIC + "rr", "{\"t\":" + T + ",\"v\":249}")).isEmpty();
    assertThat(harness.handle(TOPIC + "rr", "{\"t\":" + T + ",\"v\":2501}")).isEmpty();
    assertThat(harness.handle(TOPIC + "eda", "{\"t\":" + T + ",\"v\":-0.1}")).isEmpty();
    assertThat(harness.handle(TOPIC + "skin_temp", "{\"t\":" + T + ",\"v\":98.6}")).isEmpty();
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + T + ",\"v\":240}")).hasSize(1);

    assertThat(harness.rejected(Reason.OUT_OF_RANGE)).isEqualTo(6);
  }

  @Test
  void missingSkinContactIsCounted() {
    assertThat(harness.handle("/ble/data/c4:7c:8d:6a:12:34/180d/2a37", Fixtures.bytes("hrm-no-contact.hex"))).isEmpty();

    assertThat(harness.rejected(Reason.NO_CONTACT)).isEqualTo(1);
  }

  @Test
  void timeFarInTheFutureIsCounted() {
    long now = DecoderHarness.NOW.toEpochMilli();
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (now + 121_000) + ",\"v\":70}")).isEmpty();
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (now + 119_000) + ",\"v\":70}")).hasSize(1);

    assertThat(harness.rejected(Reason.TIME_IN_FUTURE)).isEqualTo(1);
  }

  @Test
  void timeInSecondsInsteadOfMillisecondsIsCountedAsTooOld() {
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + T / 1000 + ",\"v\":70}")).isEmpty();

    assertThat(harness.rejected(Reason.TIME_TOO_OLD)).isEqualTo(1);
  }

  @Test
  void theSameSampleDeliveredTwiceIsCountedOnce() {
    String payload = "{\"t\":" + T + ",\"v\":70}";
    assertThat(harness.handle(TOPIC + "hr", payload)).hasSize(1);
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (T + 1000) + ",\"v\":71}")).hasSize(1);
    assertThat(harness.handle(TOPIC + "hr", payload)).isEmpty();
    assertThat(harness.handle(TOPIC + "rr", "{\"t\":" + T + ",\"v\":800}")).hasSize(1);
    assertThat(harness.handle("tend/wearable/alex/other-watch/hr", payload)).hasSize(1);

    assertThat(harness.rejected(Reason.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void aReDeliveryFromFarBehindIsStillADuplicate() {
    for (int i = 0; i < 500; i++) {
      assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (T + i * 10) + ",\"v\":70}")).hasSize(1);
    }

    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (T + 20) + ",\"v\":70}")).isEmpty();

    assertThat(harness.rejected(Reason.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void samplesOutOfOrderAreTakenAndOnlyTheirReDeliveryIsADuplicate() {
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + T + ",\"v\":70}")).hasSize(1);
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (T + 2000) + ",\"v\":72}")).hasSize(1);
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (T + 1000) + ",\"v\":71}")).hasSize(1);

    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (T + 1000) + ",\"v\":71}")).isEmpty();
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (T + 2000) + ",\"v\":72}")).isEmpty();
    assertThat(harness.rejected(Reason.DUPLICATE)).isEqualTo(2);
    assertThat(harness.rejectedTotal()).isEqualTo(2);
  }

  @Test
  void aSampleFurtherBehindItsSeriesThanTheLateWindowIsCountedAsTooLate() {
    DecoderHarness harness = new DecoderHarness(WearableMqttConfig.defaults().withLateWindowMinutes(1));
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + T + ",\"v\":70}")).hasSize(1);

    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (T - 60_000) + ",\"v\":71}")).hasSize(1);
    assertThat(harness.handle(TOPIC + "hr", "{\"t\":" + (T - 60_001) + ",\"v\":71}")).isEmpty();
    assertThat(harness.handle(TOPIC + "eda", "{\"t\":" + (T - 60_001) + ",\"v\":2.5}")).as("another series").hasSize(1);
    assertThat(harness.rejected(Reason.TOO_LATE)).isEqualTo(1);
    assertThat(harness.rejected(Reason.DUPLICATE)).isZero();
  }

  @Test
  void goodSamplesInABatchSurviveABadOne() {
    String batch = "{\"samples\":[{\"t\":" + T + ",\"kind\":\"hr\",\"v\":300},{\"t\":" + T + ",\"kind\":\"hr\",\"v\":70}]}";

    assertThat(harness.handle("tend/wearable/alex/watch", batch)).hasSize(1);
    assertThat(harness.rejected(Reason.OUT_OF_RANGE)).isEqualTo(1);
  }
}

package app.tend.plugins.wearable.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlePayloadsTest {

  private static final byte[] MEASUREMENT = {0x16, 72, 0x00, 0x03};

  @Test
  void binaryHexAndJsonArrayGiveTheSameBytes() throws Exception {
    assertThat(BlePayloads.bytes(MEASUREMENT)).containsExactly(MEASUREMENT);
    assertThat(BlePayloads.bytes(text("16480003"))).containsExactly(MEASUREMENT);
    assertThat(BlePayloads.bytes(text("16 48 00 03"))).containsExactly(MEASUREMENT);
    assertThat(BlePayloads.bytes(text("0x16:48:00:03"))).containsExactly(MEASUREMENT);
    assertThat(BlePayloads.bytes(text("\"16480003\""))).containsExactly(MEASUREMENT);
    assertThat(BlePayloads.bytes(Fixtures.bytes("hrm-espruino.json"))).containsExactly(MEASUREMENT);
  }

  @Test
  void refusesTextThatIsNeitherHexNorAByteArray() {
    assertThatThrownBy(() -> BlePayloads.bytes(text("hello"))).isInstanceOf(RejectedPayload.class);
    assertThatThrownBy(() -> BlePayloads.bytes(text("164"))).hasMessageContaining("even number");
    assertThatThrownBy(() -> BlePayloads.bytes(text("[22,300]"))).hasMessageContaining("0 to 255");
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

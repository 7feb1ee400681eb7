package app.tend.plugins.wearable.mqtt;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the bytes of a Heart Rate Measurement (Bluetooth GATT characteristic 0x2A37): a flags byte
 * (bit 0: heart rate is uint16; bits 1-2: sensor contact; bit 3: energy expended present; bit 4: RR
 * intervals present), the heart rate, the optional energy expended (uint16, kJ), then every RR interval
 * as uint16 in 1/1024 s. All numbers little-endian.
 */
final class HeartRateMeasurementParser {

  private static final int HR_UINT16 = 0x01;
  private static final int CONTACT_DETECTED = 0x02;
  private static final int CONTACT_SUPPORTED = 0x04;
  private static final int ENERGY_PRESENT = 0x08;
  private static final int RR_PRESENT = 0x10;

  static HeartRateMeasurement parse(byte[] bytes) throws RejectedPayload {
    if (bytes.length < 2) {
      throw RejectedPayload.malformed("a heart rate measurement has at least 2 bytes, got " + bytes.length);
    }
    int flags = bytes[0] & 0xFF;
    int at = 1;
    int heartRate;
    if ((flags & HR_UINT16) != 0) {
      need(bytes, at, 2, "uint16 heart rate");
      heartRate = uint16(bytes, at);
      at += 2;
    } else {
      heartRate = bytes[at] & 0xFF;
      at += 1;
    }
    int energy = -1;
    if ((flags & ENERGY_PRESENT) != 0) {
      need(bytes, at, 2, "energy expended");
      energy = uint16(bytes, at);
      at += 2;
    }
    List<Double> rr = new ArrayList<>();
    if ((flags & RR_PRESENT) != 0) {
      if ((bytes.length - at) % 2 != 0) {
        throw RejectedPayload.malformed("RR intervals take 2 bytes each; " + (bytes.length - at) + " bytes are left");
      }
      for (; at < bytes.length; at += 2) {
        rr.add(uint16(bytes, at) * 1000.0 / 1024.0);
      }
    } else if (at != bytes.length) {
      throw RejectedPayload.malformed((bytes.length - at) + " bytes after the measurement that the flags do not announce");
    }
    return new HeartRateMeasurement(heartRate, (flags & CONTACT_SUPPORTED) != 0, (flags & CONTACT_DETECTED) != 0,
        energy, rr);
  }

  private static void need(byte[] bytes, int at, int count, String what) throws RejectedPayload {
    if (bytes.length < at + count) {
      throw RejectedPayload.malformed("the flags announce " + what + " but the payload ends at byte " + bytes.length);
    }
  }

  private static int uint16(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
  }

  private HeartRateMeasurementParser() {}
}

package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import java.io.IOException;
import java.util.List;

/**
 * Heart Rate Measurements (0x2A37) relayed by a BLE-to-MQTT bridge. The notification carries no time,
 * so the heart rate is stamped with the arrival time, and each RR interval with the time its beat
 * ended, counting back from the arrival of the last one.
 */
final class BleHeartRateDecoder implements PayloadDecoder {

  private final DeviceDirectory devices;

  BleHeartRateDecoder(DeviceDirectory devices) {
    this.devices = devices;
  }

  @Override
  public void decode(String topic, byte[] payload, long receivedMillis, DecodedSamples out)
      throws RejectedPayload, IOException {
    String device = DeviceDirectory.deviceOfTopic(topic);
    String person = devices.personOf(device);
    HeartRateMeasurement measurement = HeartRateMeasurementParser.parse(BlePayloads.bytes(payload));
    if (measurement.noContact()) {
      throw new RejectedPayload(Reason.NO_CONTACT, "the sensor reports no skin contact");
    }
    out.source(person, device, false);
    out.add(SignalKind.HR, receivedMillis, measurement.heartRate());
    List<Double> rr = measurement.rrMillis();
    double beatEnd = receivedMillis;
    double[] ends = new double[rr.size()];
    for (int i = rr.size() - 1; i >= 0; i--) {
      ends[i] = beatEnd;
      beatEnd -= rr.get(i);
    }
    for (int i = 0; i < rr.size(); i++) {
      out.add(SignalKind.RR, Math.round(ends[i]), rr.get(i));
    }
  }
}

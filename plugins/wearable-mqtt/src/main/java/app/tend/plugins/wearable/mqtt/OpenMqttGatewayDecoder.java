package app.tend.plugins.wearable.mqtt;

import app.tend.api.message.SignalKind;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * OpenMQTTGateway / Theengs BLE JSON ({@code home/OpenMQTTGateway/BTtoMQTT/<MAC>}), e.g.
 * {@code {"id":"C4:7C:8D:6A:12:34","model_id":"MB/SW","steps":4231,"act_bpm":78}}: {@code act_bpm} is the
 * heart rate, {@code steps} the band's running total of the day, turned into steps since the previous
 * advert. The device is the payload's {@code id}, else the MAC in the topic. Values get the arrival time.
 */
final class OpenMqttGatewayDecoder implements PayloadDecoder {

  private final DeviceDirectory devices;
  private final StepCounter steps = new StepCounter();

  OpenMqttGatewayDecoder(DeviceDirectory devices) {
    this.devices = devices;
  }

  @Override
  public void decode(String topic, byte[] payload, long receivedMillis, DecodedSamples out)
      throws RejectedPayload, IOException {
    String id = null;
    double bpm = Double.NaN;
    double totalSteps = Double.NaN;
    try (JsonParser parser = JsonFields.object(payload)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (field) {
          case "id" -> id = token == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "act_bpm" -> bpm = JsonFields.number(parser, "act_bpm");
          case "steps" -> totalSteps = JsonFields.number(parser, "steps");
          default -> parser.skipChildren();
        }
      }
      JsonFields.end(parser);
    }
    String device = id != null && DeviceIds.isMac(id) ? DeviceIds.normalise(id) : DeviceDirectory.deviceOfTopic(topic);
    String person = devices.personOf(device);
    if (Double.isNaN(bpm) && Double.isNaN(totalSteps)) {
      throw new RejectedPayload(Reason.UNKNOWN_KIND, "neither 'act_bpm' nor 'steps' in the advert");
    }
    out.source(person, device, false);
    if (!Double.isNaN(bpm)) {
      out.add(SignalKind.HR, receivedMillis, bpm);
    }
    if (!Double.isNaN(totalSteps)) {
      if (totalSteps < 0 || totalSteps != Math.rint(totalSteps)) {
        throw RejectedPayload.malformed("'steps' must be a whole number of steps, got " + totalSteps);
      }
      long since = steps.increment(device, (long) totalSteps);
      if (since >= 0) {
        out.add(SignalKind.STEPS, receivedMillis, since);
      }
    }
  }
}

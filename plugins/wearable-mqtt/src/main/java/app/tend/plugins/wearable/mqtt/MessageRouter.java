package app.tend.plugins.wearable.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each message to the decoder of its format (chosen by topic), then the decoded samples through
 * the {@link SampleGate}. Never throws: whatever goes wrong with one message is counted and logged, and
 * the next message is handled as usual. Runs on the plugin's event loop.
 */
final class MessageRouter {

  private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);

  private record Route(String filter, PayloadDecoder decoder) {}

  private final StateTopicDecoder states;
  private final TendTopics tendTopics;
  private final TendFormatDecoder tend;
  private final List<Route> filtered = new ArrayList<>();
  private final SampleGate gate;
  private final Rejections rejections;
  private final DecodedSamples decoded = new DecodedSamples();

  MessageRouter(WearableMqttConfig config, SampleGate gate, Rejections rejections) {
    DeviceDirectory devices = new DeviceDirectory(config.devices());
    this.states = new StateTopicDecoder(config.states());
    this.tendTopics = new TendTopics(config.tendTopicPrefix());
    this.tend = new TendFormatDecoder(tendTopics);
    BleHeartRateDecoder heartRate = new BleHeartRateDecoder(devices);
    OpenMqttGatewayDecoder gateway = new OpenMqttGatewayDecoder(devices);
    config.heartRateTopics().forEach(filter -> filtered.add(new Route(filter, heartRate)));
    config.openMqttGatewayTopics().forEach(filter -> filtered.add(new Route(filter, gateway)));
    this.gate = gate;
    this.rejections = rejections;
  }

  /** Decodes one message and publishes its samples. */
  void handle(Inbound message) {
    String topic = message.topic();
    if (tendTopics.isPrompt(topic)) {
      return;
    }
    if (message.payload().length == 0) {
      // How a retained message is cleared (MQTT 3.3.1.3): there is no sample in it, nor anything wrong.
      log.debug("Empty payload on {} (a retained message cleared)", topic);
      return;
    }
    decoded.clear();
    try {
      PayloadDecoder decoder = decoderFor(topic);
      if (decoder == null) {
        rejections.reject(Reason.UNKNOWN_DEVICE, topic, "no format is configured for this topic");
        return;
      }
      decoder.decode(topic, message.payload(), message.receivedMillis(), decoded);
      for (DecodedSamples.Skipped skipped : decoded.skipped()) {
        rejections.reject(skipped.reason(), topic, skipped.detail());
      }
      gate.accept(topic, decoded);
    } catch (RejectedPayload e) {
      rejections.reject(e.reason(), topic, e.getMessage());
    } catch (JsonProcessingException e) {
      rejections.reject(Reason.MALFORMED, topic, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      // A bug rather than bad input; still only this message is lost.
      log.debug("Cannot handle a message on {}", topic, e);
      rejections.reject(Reason.MALFORMED, topic, "cannot be handled: " + e);
    }
  }

  private PayloadDecoder decoderFor(String topic) {
    if (states.covers(topic)) {
      return states;
    }
    if (tendTopics.covers(topic)) {
      return tend;
    }
    for (Route route : filtered) {
      if (MqttTopicValidator.isMatched(route.filter(), topic)) {
        return route.decoder();
      }
    }
    return null;
  }
}

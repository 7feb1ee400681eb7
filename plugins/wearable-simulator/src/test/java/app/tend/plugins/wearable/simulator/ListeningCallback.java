package app.tend.plugins.wearable.simulator;

import app.tend.mqtt.MqttCallbackAdapter;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A Paho callback that hands each message to a handler and nothing else. */
final class ListeningCallback extends MqttCallbackAdapter {

  interface Handler {
    void handle(String topic, byte[] payload) throws Exception;
  }

  private final Handler handler;

  ListeningCallback(Handler handler) {
    this.handler = handler;
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) throws Exception {
    handler.handle(topic, message.getPayload());
  }
}

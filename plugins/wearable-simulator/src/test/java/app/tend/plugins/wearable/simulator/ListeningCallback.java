package app.tend.plugins.wearable.simulator;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho callback that hands each message to a handler and nothing else. */
final class ListeningCallback implements MqttCallback {

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

  @Override
  public void disconnected(MqttDisconnectResponse response) {}

  @Override
  public void mqttErrorOccurred(MqttException exception) {}

  @Override
  public void deliveryComplete(IMqttToken token) {}

  @Override
  public void connectComplete(boolean reconnect, String serverURI) {}

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}

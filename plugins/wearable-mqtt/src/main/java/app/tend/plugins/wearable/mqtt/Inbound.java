package app.tend.plugins.wearable.mqtt;

/**
 * One MQTT message as it left Paho's callback thread.
 *
 * @param topic the topic it arrived on
 * @param payload its bytes
 * @param receivedMillis the hub's clock when it arrived, Unix ms
 */
record Inbound(String topic, byte[] payload, long receivedMillis) {}

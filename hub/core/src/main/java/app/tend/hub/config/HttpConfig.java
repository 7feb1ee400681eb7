package app.tend.hub.config;

import app.tend.api.ConfigChecks;

/**
 * The hub's HTTP server.
 *
 * @param host the address to listen on; 127.0.0.1 keeps the API off the network
 * @param port the port; 0 picks a free one
 */
public record HttpConfig(String host, Integer port) {

  public HttpConfig {
    host = ConfigChecks.orDefault(host, "127.0.0.1");
    port = ConfigChecks.intIn("port", port, 8080, 0, 65535);
  }
}

package app.tend.hub.channels;

/** No running plugin serves the channel a prompt is meant for. */
public final class ChannelUnavailableException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public ChannelUnavailableException(String channel) {
    super("no running plugin serves the channel '" + channel + "'");
  }
}

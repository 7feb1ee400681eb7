package app.tend.hub.coach;

/** Tells the coach which channel names speak out loud, so quiet hours can leave them out. */
@FunctionalInterface
public interface ChannelDirectory {

  /** By name only: {@code voice} and {@code speaker} speak. */
  ChannelDirectory BY_NAME = channel -> channel.equals("voice") || channel.equals("speaker");

  /** True when the channel speaks out loud. */
  boolean isVoice(String channel);
}

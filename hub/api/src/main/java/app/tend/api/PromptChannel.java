package app.tend.api;

import app.tend.api.message.Prompt;
import io.vertx.core.Future;
import java.util.Set;

/**
 * A way to reach a person: a smart speaker, a watch, a phone, a page.
 *
 * <p>The hub calls {@link #deliver(Prompt)} for offers, for each step of a guided exercise and for the
 * check-in at its end; the returned future completes when the prompt has been said or shown (for a
 * speaker: when it finished speaking), so the hub can pace the next step. Answers the person gives
 * (accept, snooze, a rating) go back as {@link app.tend.api.message.Feedback} or
 * {@link app.tend.api.message.Intent} on the bus.
 */
public interface PromptChannel extends TendExtension {

  /** The channel's name as used in suggestions and preferences, e.g. {@code voice} or {@code wrist}. */
  String channel();

  /** What the channel can do. */
  Set<ChannelCapability> capabilities();

  /** Says, shows or buzzes the prompt; completes when done, fails when it could not. */
  Future<Void> deliver(Prompt prompt);
}

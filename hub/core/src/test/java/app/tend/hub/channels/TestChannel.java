package app.tend.hub.channels;

import app.tend.api.ChannelCapability;
import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A channel for tests: keeps every prompt it is given; delivers at once, fails, or holds each delivery
 * until the test says it has been said.
 */
public final class TestChannel implements PromptChannel {

  /** How it answers a delivery. */
  public enum Mode { DELIVER, FAIL, HOLD }

  private record Held(Prompt prompt, Context context, Promise<Void> done) {}

  private final String name;
  private final Set<ChannelCapability> capabilities;
  private volatile Mode mode;
  private final BlockingQueue<Prompt> prompts = new LinkedBlockingQueue<>();
  private final BlockingQueue<Held> held = new LinkedBlockingQueue<>();

  public TestChannel(String name, Mode mode, ChannelCapability... capabilities) {
    this.name = name;
    this.mode = mode;
    this.capabilities = capabilities.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(capabilities[0], capabilities));
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  @Override
  public String channel() {
    return name;
  }

  @Override
  public Set<ChannelCapability> capabilities() {
    return capabilities;
  }

  @Override
  public Future<Void> deliver(Prompt prompt) {
    prompts.add(prompt);
    return switch (mode) {
      case DELIVER -> Future.succeededFuture();
      case FAIL -> Future.failedFuture(new IllegalStateException(name + " is unplugged"));
      case HOLD -> {
        Promise<Void> done = Promise.promise();
        held.add(new Held(prompt, Vertx.currentContext(), done));
        yield done.future();
      }
    };
  }

  /** The next prompt given to the channel, waiting up to 5 s; fails the test when none comes. */
  public Prompt next() throws InterruptedException {
    Prompt prompt = prompts.poll(5, TimeUnit.SECONDS);
    if (prompt == null) {
      throw new AssertionError("channel " + name + " was given no prompt");
    }
    return prompt;
  }

  /** The next prompt if one was given already. */
  public Prompt poll() {
    return prompts.poll();
  }

  /** Says the oldest held prompt has been said, on the context that asked, and waits until that ran. */
  public Prompt finish() throws Exception {
    Held next = held.poll(5, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("channel " + name + " holds no prompt");
    }
    CompletableFuture<Void> ran = new CompletableFuture<>();
    next.context().runOnContext(ignored -> {
      next.done().complete();
      ran.complete(null);
    });
    ran.get(5, TimeUnit.SECONDS);
    return next.prompt();
  }
}

package app.tend.plugins.voice.alexa;

import app.tend.api.Addresses;
import app.tend.api.ChannelCapability;
import app.tend.api.Meters;
import app.tend.api.PluginContext;
import app.tend.api.PromptChannel;
import app.tend.api.message.Prompt;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.GeneralSecurityException;
import java.security.cert.TrustAnchor;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Alexa custom skill's endpoint, {@code POST /plugins/voice-alexa/skill} on the hub's HTTP server (behind
 * an HTTPS proxy Amazon can reach), and the prompt channel that speaks through it. Every request is
 * verified as Amazon requires ({@link RequestVerifier}); one that fails gets 400, is logged and counted,
 * and is never acted on. Conversations are turn by turn ({@link Conversations}).
 */
@Extension
public final class AlexaChannel implements PromptChannel {

  static final String PATH = "/skill";
  private static final Logger log = LoggerFactory.getLogger(AlexaChannel.class);

  private final PluginContext context;
  private final Set<TrustAnchor> anchors;
  private final CertificateFetcher fetcher;
  private final SpeechTimers speechTimers;
  private Context loop;
  private RequestVerifier verifier;
  private Conversations conversations;

  /** Production: Amazon's certificates fetched over HTTPS and checked against the JVM's trusted CAs. */
  public AlexaChannel(PluginContext context) {
    this(context, null, null, null);
  }

  /** With other trusted CAs, another way to fetch certificates and other timers for the speech (tests). */
  AlexaChannel(PluginContext context, Set<TrustAnchor> anchors, CertificateFetcher fetcher, SpeechTimers speechTimers) {
    this.context = context;
    this.anchors = anchors;
    this.fetcher = fetcher;
    this.speechTimers = speechTimers;
  }

  @Override
  public Future<Void> start() {
    VoiceAlexaConfig config = context.config(VoiceAlexaConfig.class);
    loop = Vertx.currentContext() != null ? Vertx.currentContext() : context.vertx().getOrCreateContext();
    Set<TrustAnchor> trusted;
    try {
      trusted = anchors != null ? anchors : RequestVerifier.jvmTrustAnchors();
    } catch (GeneralSecurityException e) {
      return Future.failedFuture(e);
    }
    verifier = new RequestVerifier(config.applicationId(), context.clock(), trusted,
        fetcher != null ? fetcher : CertificateFetcher.https(context.vertx()));
    conversations = new Conversations(config, context,
        speechTimers != null ? speechTimers : SpeechTimers.of(context.vertx()));
    context.subscribe(Addresses.SUGGESTIONS, conversations::suggested);
    context.router().post(PATH).handler(BodyHandler.create().setBodyLimit(256 * 1024)).handler(this::handle);
    if (config.applicationId().isEmpty()) {
      log.warn("voice-alexa: plugins.voice-alexa.applicationId is not set: every request to /plugins/{}{} is refused",
          context.pluginId(), PATH);
    } else {
      log.info("voice-alexa: skill {} answered at /plugins/{}{}, channel '{}'", config.applicationId(),
          context.pluginId(), PATH, config.channel());
    }
    return Future.succeededFuture();
  }

  @Override
  public String channel() {
    return context.config(VoiceAlexaConfig.class).channel();
  }

  @Override
  public Set<ChannelCapability> capabilities() {
    return Set.of(ChannelCapability.VOICE, ChannelCapability.ANSWER, ChannelCapability.PACES_ITSELF);
  }

  @Override
  public Future<Void> deliver(Prompt prompt) {
    Promise<Void> done = Promise.promise();
    loop.runOnContext(ignored -> conversations.deliver(prompt).onComplete(done));
    return done.future();
  }

  private void handle(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    verifier.verify(ctx.request().getHeader("SignatureCertChainUrl"), ctx.request().getHeader("Signature-256"), bytes)
        .compose(request -> {
          Promise<String> answered = Promise.promise();
          loop.runOnContext(ignored -> conversations.handle(request).onComplete(answered));
          return answered.future();
        })
        .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json;charset=UTF-8").end(json))
        .onFailure(e -> {
          if (e instanceof RequestRefusedException refused) {
            context.meters().counter(Meters.VOICE_REFUSED, Meters.TAG_REASON, refused.reason()).increment();
            log.warn("voice-alexa: refused a request from {} ({}): {}", ctx.request().remoteAddress(), refused.reason(),
                refused.getMessage());
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(new JsonObject().put("error", refused.getMessage()).encode());
          } else {
            log.error("voice-alexa: cannot answer a request", e);
            ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(new JsonObject().put("error", "internal error; see the hub's log").encode());
          }
        });
  }
}

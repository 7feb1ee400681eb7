package app.tend.hub.broker;

import app.tend.hub.broker.BrokerRole.Rule;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.PermissionType;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded broker's gatekeeper, an extension inside HiveMQ: lets a client in only with a known user name and its
 * password (or, when allowed, without a user name, with every right), gives it its role's topic permissions, and
 * counts what HiveMQ refuses: too large packets and publishes outside the role. Runs on HiveMQ's threads and never
 * blocks: the users and their permissions are made once, at start.
 */
final class BrokerGuard implements ExtensionMain {

  private final BrokerUsers users;
  private final boolean allowAnonymous;
  private final Refusals refusals;
  private final Map<String, byte[]> passwords = new HashMap<>();
  private final Map<String, List<TopicPermission>> permissions = new HashMap<>();

  BrokerGuard(BrokerUsers users, boolean allowAnonymous, Refusals refusals) {
    this.users = users;
    this.allowAnonymous = allowAnonymous;
    this.refusals = refusals;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    // HiveMQ's builders work only once the extension runs.
    users.all().forEach((name, user) -> {
      passwords.put(name, user.password().getBytes(StandardCharsets.UTF_8));
      permissions.put(name, user.role().rules(user.person()).stream().map(BrokerGuard::permission).toList());
    });
    Services.securityRegistry().setAuthenticatorProvider(provider -> (SimpleAuthenticator) this::authenticate);
    Services.eventRegistry().setClientLifecycleEventListener(provider -> new Watcher());
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

  private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
    var connect = input.getConnectPacket();
    String from = input.getConnectionInformation().getInetAddress().map(InetAddress::getHostAddress).orElse("?");
    if (connect.getUserName().isEmpty()) {
      if (allowAnonymous) {
        output.authenticateSuccessfully();
        return;
      }
      refuse(output, "client '" + connect.getClientId() + "' from " + from + " gave no user name");
      return;
    }
    String name = connect.getUserName().get();
    byte[] expected = passwords.get(name);
    byte[] given = connect.getPassword().map(buffer -> {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }).orElse(new byte[0]);
    if (expected == null || !MessageDigest.isEqual(expected, given)) {
      refuse(output, "user '" + name + "' from " + from
          + (expected == null ? " is unknown" : " gave a wrong password"));
      return;
    }
    List<TopicPermission> own = permissions.get(name);
    if (!own.isEmpty()) {
      output.getDefaultPermissions().addAll(own);
      output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }
    output.authenticateSuccessfully();
  }

  private void refuse(SimpleAuthOutput output, String detail) {
    refusals.refuse(Refusals.Reason.BAD_CREDENTIALS, detail);
    output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD);
  }

  private static TopicPermission permission(Rule rule) {
    return Builders.topicPermission()
        .topicFilter(rule.filter())
        .type(rule.allow() ? PermissionType.ALLOW : PermissionType.DENY)
        .activity(switch (rule.activity()) {
          case PUBLISH -> MqttActivity.PUBLISH;
          case SUBSCRIBE -> MqttActivity.SUBSCRIBE;
          case ALL -> MqttActivity.ALL;
        })
        .build();
  }

  /** Counts the disconnects HiveMQ makes for a too large packet or a publish outside the client's permissions. */
  private final class Watcher implements ClientLifecycleEventListener {
    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
      DisconnectedReasonCode code = input.getReasonCode().orElse(null);
      String detail = "client '" + input.getClientInformation().getClientId() + "': "
          + input.getReasonString().orElse(String.valueOf(code));
      if (code == DisconnectedReasonCode.PACKET_TOO_LARGE) {
        refusals.refuse(Refusals.Reason.TOO_LARGE, detail);
      } else if (code == DisconnectedReasonCode.NOT_AUTHORIZED) {
        refusals.refuse(Refusals.Reason.NOT_AUTHORIZED, detail);
      }
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {}

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {}

    @Override
    public void onDisconnect(DisconnectEventInput input) {}
  }
}

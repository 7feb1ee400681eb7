package app.tend.plugins.voice.hermes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.api.InvalidConfigException;
import app.tend.api.message.Intent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoiceHermesConfigTest {

  @Test
  void defaultsServeTheVoiceChannelWithTendsIntentNames() {
    VoiceHermesConfig config = VoiceHermesConfig.defaults();
    assertThat(config.channel()).isEqualTo("voice");
    assertThat(config.sites()).isEmpty();
    assertThat(config.sayTimeoutSeconds()).isEqualTo(30);
    assertThat(config.intents().byName()).containsEntry("TendRateDistress", Intent.Kind.RATE_DISTRESS)
        .containsEntry("TendYes", Intent.Kind.ACCEPT).hasSize(11);
  }

  @Test
  void siteMappedToABadPersonIdIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> new VoiceHermesConfig(null, Map.of("kitchen", "Alex!"), null, null, null, null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("sites.kitchen");
  }

  @Test
  void oneHermesNameForTwoIntentsIsRefused() {
    assertThatThrownBy(() -> new VoiceHermesConfig.IntentNames("Go", "Go", null, null, null, null, null, null, null,
        null, null)).isInstanceOf(InvalidConfigException.class).hasMessageContaining("intents");
  }
}

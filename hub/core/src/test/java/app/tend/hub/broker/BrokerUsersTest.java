package app.tend.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.hub.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerUsersTest {

  @TempDir Path data;

  @Test
  void firstStartMakesTheHubBridgeHomeVoiceAndAWearablePerPersonReadableByTheOwnerOnly() throws Exception {
    Path folder = data.resolve(BrokerUsers.FOLDER);

    BrokerUsers users = BrokerUsers.resolve(folder, List.of("ana", "ben"), Optional.empty());

    assertThat(users.all()).containsOnlyKeys("hub", "bridge", "home", "voice", "wearable-ana", "wearable-ben");
    assertThat(users.all().get("wearable-ben").role()).isEqualTo(BrokerRole.WEARABLE);
    assertThat(users.all().get("wearable-ben").person()).isEqualTo("ben");
    assertThat(users.hub().name()).isEqualTo("hub");
    assertThat(users.all().values()).extracting(BrokerUsers.User::password).doesNotHaveDuplicates()
        .allSatisfy(password -> assertThat(password).hasSize(43));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("bridge"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(folder.resolve("bridge")).strip()).isEqualTo(users.all().get("bridge").password());
    assertThat(users.shellPassword("bridge")).isEqualTo("$(cat " + folder.toAbsolutePath().resolve("bridge") + ")");
    assertThat(users.all().get("bridge").toString()).doesNotContain(users.all().get("bridge").password());
  }

  @Test
  void passwordsAreKeptAndAnEmptyFileMadeByHandGetsOne() throws Exception {
    Path folder = data.resolve(BrokerUsers.FOLDER);
    String bridge = BrokerUsers.resolve(folder, List.of(), Optional.empty()).all().get("bridge").password();
    Files.writeString(folder.resolve("bridge-kitchen"), "");
    Files.writeString(folder.resolve("home"), "chosen by hand\n");

    BrokerUsers users = BrokerUsers.resolve(folder, List.of(), Optional.empty());

    assertThat(users.all().get("bridge").password()).isEqualTo(bridge);
    assertThat(users.all().get("home").password()).isEqualTo("chosen by hand");
    assertThat(users.all().get("bridge-kitchen").role()).isEqualTo(BrokerRole.BRIDGE);
    assertThat(users.all().get("bridge-kitchen").password()).hasSize(43)
        .isEqualTo(Files.readString(folder.resolve("bridge-kitchen")).strip());
  }

  @Test
  void aFileThatNamesNoRoleStopsStartNamingIt() throws Exception {
    Path folder = data.resolve(BrokerUsers.FOLDER);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("Wearable-Ana"), "x");

    assertThatThrownBy(() -> BrokerUsers.resolve(folder, List.of(), Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(folder.resolve("Wearable-Ana").toAbsolutePath().toString())
        .hasMessageContaining("wearable-PERSON");
  }

  @Test
  void theConfiguredUserNameIsTheHubsOwnWithTheHubRole() {
    BrokerUsers users = BrokerUsers.resolve(data.resolve(BrokerUsers.FOLDER), List.of(),
        Optional.of(new BrokerUsers.User("tend", BrokerRole.HUB, "", "s3cret")));

    assertThat(users.hub().name()).isEqualTo("tend");
    assertThat(users.all().get("tend").password()).isEqualTo("s3cret");
    assertThatThrownBy(() -> BrokerUsers.resolve(data.resolve(BrokerUsers.FOLDER), List.of(),
        Optional.of(new BrokerUsers.User("bridge", BrokerRole.HUB, "", "s3cret"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("mqtt.username: 'bridge'");
  }
}

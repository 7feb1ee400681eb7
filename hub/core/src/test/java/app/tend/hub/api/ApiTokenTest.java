package app.tend.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {

  @TempDir Path temp;

  @Test
  void tokenFromTheEnvironmentWins() {
    assertThat(ApiToken.resolve(Map.of(ApiToken.ENV, "from-env"), temp).value()).isEqualTo("from-env");
    assertThat(temp.resolve(ApiToken.FILE)).doesNotExist();
  }

  @Test
  void tokenFileIsCreatedOwnerOnlyAndReusedAfterARestart() throws Exception {
    String first = ApiToken.resolve(Map.of(), temp).value();

    assertThat(first).hasSizeGreaterThanOrEqualTo(40);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve(ApiToken.FILE))))
        .isEqualTo("rw-------");
    assertThat(ApiToken.resolve(Map.of(), temp).value()).isEqualTo(first);
  }
}

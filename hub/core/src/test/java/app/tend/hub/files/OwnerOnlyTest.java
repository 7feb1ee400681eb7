package app.tend.hub.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {

  @TempDir Path temp;

  @Test
  void tightenTakesGroupAndOthersAwayFromAFolderAndWhatIsInIt() throws Exception {
    Path folder = OwnerOnly.createDirectories(temp.resolve("data/plugins"));
    Path file = Files.writeString(folder.resolve("kept"), "x");
    Path open = Files.writeString(temp.resolve("data/tend.db"), "x");
    set(temp.resolve("data"), "rwxr-xr-x");
    set(file, "rw-rw-r--");
    set(open, "rw-r--r--");

    assertThat(OwnerOnly.tighten(temp.resolve("data"))).as("what others could reach; not what was in a folder closed "
        + "to them").containsExactlyInAnyOrder(temp.resolve("data"), open);

    assertThat(permissions(temp.resolve("data"))).isEqualTo("rwx------");
    assertThat(permissions(folder)).as("created owner-only").isEqualTo("rwx------");
    assertThat(permissions(file)).as("changed all the same").isEqualTo("rw-------");
    assertThat(permissions(open)).isEqualTo("rw-------");
    assertThat(OwnerOnly.tighten(temp.resolve("data"))).as("nothing left to do").isEmpty();
  }

  @Test
  void tightenNeitherFollowsNorChangesSymbolicLinks() throws Exception {
    Path outside = Files.writeString(temp.resolve("outside"), "not the hub's");
    set(outside, "rw-r--r--");
    Path folder = OwnerOnly.createDirectories(temp.resolve("data"));
    Files.createSymbolicLink(folder.resolve("link"), outside);

    assertThat(OwnerOnly.tighten(folder)).isEmpty();

    assertThat(permissions(outside)).isEqualTo("rw-r--r--");
  }

  private static void set(Path path, String permissions) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

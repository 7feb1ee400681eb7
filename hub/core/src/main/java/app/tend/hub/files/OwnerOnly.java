package app.tend.hub.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files and folders that only the hub's own user may read or enter: the data folder and everything in it (health
 * data, the API token, broker and plugin data). On a file system without POSIX permissions these do what
 * {@link Files} does.
 */
public final class OwnerOnly {

  private static final FileAttribute<Set<PosixFilePermission>> FOLDER =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private OwnerOnly() {}

  /** Creates the folder and its missing parents, each {@code rwx------}; returns the folder. */
  public static Path createDirectories(Path folder) throws IOException {
    try {
      return Files.createDirectories(folder, FOLDER);
    } catch (UnsupportedOperationException notPosix) {
      return Files.createDirectories(folder);
    }
  }

  /** Creates an empty file {@code rw-------}; fails if it exists. */
  public static Path createFile(Path file) throws IOException {
    try {
      return Files.createFile(file, FILE);
    } catch (UnsupportedOperationException notPosix) {
      return Files.createFile(file);
    }
  }

  /**
   * Takes group and others' permissions away from {@code path} and, if it is a folder, from everything in it.
   * Symbolic links are neither changed nor followed. A path that does not exist is left alone.
   *
   * @return the paths that were changed and that other users could reach: what lies in a folder they could not
   *     enter (as the embedded broker's files, made by HiveMQ with the default umask) is changed but not returned
   */
  public static List<Path> tighten(Path path) throws IOException {
    List<Path> changed = new ArrayList<>();
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return changed;
    }
    Deque<Boolean> reachable = new ArrayDeque<>(List.of(true));
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) throws IOException {
        boolean open = tightenOne(folder, reachable.peek() ? changed : new ArrayList<>());
        reachable.push(reachable.peek() && open);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
        reachable.pop();
        return super.postVisitDirectory(folder, e);
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (!attributes.isSymbolicLink()) {
          tightenOne(file, reachable.peek() ? changed : new ArrayList<>());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return changed;
  }

  /** Tightens one path; returns whether other users could enter it before (as a folder). */
  private static boolean tightenOne(Path path, List<Path> changed) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return true;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    boolean open = permissions.contains(PosixFilePermission.GROUP_EXECUTE)
        || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
    if (permissions.removeAll(NOT_OWNER)) {
      view.setPermissions(permissions);
      changed.add(path);
    }
    return open;
  }
}

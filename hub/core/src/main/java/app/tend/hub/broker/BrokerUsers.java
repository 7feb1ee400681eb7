package app.tend.hub.broker;

import app.tend.hub.config.ConfigException;
import app.tend.hub.files.OwnerOnly;
import app.tend.hub.files.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's users: one owner-only file per user in the folder {@value #FOLDER} of the data folder, named
 * after the user and holding its password. The name gives the role: {@code hub}, {@code bridge[-NAME]},
 * {@code home[-NAME]}, {@code voice[-NAME]}, {@code wearable-PERSON}. At start the hub makes the files it is missing
 * ({@code hub}, {@code bridge}, {@code home}, {@code voice} and a {@code wearable-PERSON} per configured person),
 * each with a random password, and fills in any file left empty (so an empty file made by hand adds a user).
 */
public final class BrokerUsers {

  /** The folder's name in the data folder. */
  public static final String FOLDER = "mqtt-users";

  private static final Logger log = LoggerFactory.getLogger(BrokerUsers.class);
  private static final Pattern NAME = Pattern.compile(
      "(hub)|(bridge|home|voice)(-[A-Za-z0-9_.]{1,64})?|wearable-([a-z0-9_-]{1,64})");
  private static final List<String> MADE = List.of("hub", "bridge", "home", "voice");

  /**
   * One user.
   *
   * @param name the MQTT user name
   * @param role what it may do
   * @param person the person of a wearable; empty for the other roles
   * @param password its password; never logged ({@link #toString()} hides it)
   */
  public record User(String name, BrokerRole role, String person, String password) {
    @Override
    public String toString() {
      return "User[" + name + ", " + role + (person.isEmpty() ? "" : " " + person) + "]";
    }
  }

  private final Path folder;
  private final Map<String, User> users;
  private final User hub;

  private BrokerUsers(Path folder, Map<String, User> users, User hub) {
    this.folder = folder;
    this.users = users;
    this.hub = hub;
  }

  /**
   * Reads the folder, first making it and the users the hub needs.
   *
   * @param persons the configured persons, each of whom gets a wearable user
   * @param hubUser a user name and password the hub uses instead of {@code hub} ({@code mqtt.username}), if any
   * @throws ConfigException when a file's name is no user name
   */
  public static BrokerUsers resolve(Path folder, Collection<String> persons, Optional<User> hubUser) {
    Path absolute = folder.toAbsolutePath();
    try {
      OwnerOnly.createDirectories(absolute);
      List<String> made = Stream.concat(MADE.stream(), persons.stream().map(person -> "wearable-" + person))
          .filter(name -> !Files.exists(absolute.resolve(name)))
          .toList();
      for (String name : made) {
        SecretFiles.write(absolute.resolve(name), SecretFiles.newSecret() + "\n");
      }
      Map<String, User> users = new TreeMap<>();
      List<String> filled = new ArrayList<>();
      try (Stream<Path> files = Files.list(absolute)) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.startsWith(".") || name.endsWith(".tmp")) {
            continue; // an editor's or an interrupted write's file
          }
          users.put(name, read(file, name, filled));
        }
      }
      User hub = hubUser.orElse(users.get("hub"));
      if (hubUser.isPresent()) {
        if (users.containsKey(hubUser.get().name())) {
          throw new ConfigException("mqtt.username: '" + hubUser.get().name() + "' is also a user in " + absolute
              + "; choose another name for the hub");
        }
        users.put(hub.name(), hub);
      }
      if (!made.isEmpty()) {
        log.info("MQTT users: made {} in {} (readable by this user only)", String.join(", ", made), absolute);
      }
      if (!filled.isEmpty()) {
        log.info("MQTT users: {} had no password; gave each a new one", String.join(", ", filled));
      }
      return new BrokerUsers(absolute, Map.copyOf(users), hub);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the MQTT users in " + absolute + ": " + e, e);
    }
  }

  private static User read(Path file, String name, List<String> filled) throws IOException {
    Matcher matcher = NAME.matcher(name);
    if (!Files.isRegularFile(file) || !matcher.matches()) {
      throw new ConfigException(file + ": not an MQTT user; a file there is named hub, bridge[-NAME], home[-NAME], "
          + "voice[-NAME] or wearable-PERSON and holds the password");
    }
    String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (password.isEmpty()) {
      password = SecretFiles.newSecret();
      SecretFiles.write(file, password + "\n");
      filled.add(name);
    }
    if (matcher.group(1) != null) {
      return new User(name, BrokerRole.HUB, "", password);
    }
    if (matcher.group(2) != null) {
      return new User(name, BrokerRole.valueOf(matcher.group(2).toUpperCase(Locale.ROOT)), "", password);
    }
    return new User(name, BrokerRole.WEARABLE, matcher.group(4), password);
  }

  /** The folder, as an absolute path. */
  public Path folder() {
    return folder;
  }

  /** The user the hub and its plugins log in as. */
  public User hub() {
    return hub;
  }

  /** Every user, by name. */
  public Map<String, User> all() {
    return users;
  }

  /** How a shell reads a user's password: {@code $(cat <folder>/<name>)}. */
  public String shellPassword(String name) {
    return "$(cat " + folder.resolve(name) + ")";
  }
}

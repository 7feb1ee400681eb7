package app.tend.plugins.wearable.mqtt;

import static app.tend.plugins.wearable.mqtt.DuplicateFilter.Verdict.DUPLICATE;
import static app.tend.plugins.wearable.mqtt.DuplicateFilter.Verdict.NEW;
import static app.tend.plugins.wearable.mqtt.DuplicateFilter.Verdict.TOO_LATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.tend.api.message.SignalKind;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The duplicate filter's memory in the data folder: a new instance over the same folder knows what was taken. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SeenJournalTest {

  private static final long T = 1_700_000_000_000L;
  private static final long NOW = T + 600_000;
  private static final long WINDOW_MS = 60 * 60_000L;

  @TempDir
  Path folder;

  private Context loop;

  @BeforeEach
  void loop(Vertx vertx) {
    loop = vertx.getOrCreateContext();
  }

  @Test
  void aNewInstanceAfterOneThatNeverStoppedCountsItsRedeliveriesAsDuplicates() throws Exception {
    DuplicateFilter killed = opened(new DuplicateFilter(WINDOW_MS));
    onLoop(() -> {
      for (int i = 0; i < 100; i++) {
        assertThat(hr(killed, T + i * 1000L)).isEqualTo(NEW);
        assertThat(killed.check("alex", "watch", SignalKind.RR, T + i * 1000L + 412, NOW)).isEqualTo(NEW);
      }
      return null;
    });
    onLoop(() -> {
      journal(killed).afterSlice(NOW);
      return null;
    });
    // The process may be killed once the slice's write has reached the file, which is soon after the slice.
    await().atMost(Duration.ofSeconds(30)).until(() -> timesInFile() == 200);

    DuplicateFilter restarted = opened(new DuplicateFilter(WINDOW_MS));
    onLoop(() -> {
      for (int i = 0; i < 100; i++) {
        assertThat(hr(restarted, T + i * 1000L)).as("re-delivered hr %d", i).isEqualTo(DUPLICATE);
        assertThat(restarted.check("alex", "watch", SignalKind.RR, T + i * 1000L + 412, NOW)).isEqualTo(DUPLICATE);
      }
      assertThat(hr(restarted, T + 100_000)).isEqualTo(NEW);
      assertThat(hr(restarted, T + 500)).as("late, and new").isEqualTo(NEW);
      assertThat(hr(restarted, T + 100_000 - WINDOW_MS - 1)).isEqualTo(TOO_LATE);
      return null;
    });
  }

  @Test
  void whatStopWroteIsKnownAfterwardsAndTheFileIsTheOwnersOnly() throws Exception {
    DuplicateFilter stopped = opened(new DuplicateFilter(WINDOW_MS));
    onLoop(() -> hr(stopped, T));
    onLoop(() -> journal(stopped).close()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    DuplicateFilter restarted = opened(new DuplicateFilter(WINDOW_MS));
    assertThat(onLoop(() -> hr(restarted, T))).isEqualTo(DUPLICATE);
  }

  @Test
  void appendsThatOutgrowTheSnapshotAreFoldedIntoANewOne() throws Exception {
    DuplicateFilter filter = opened(new DuplicateFilter(WINDOW_MS));
    int perSlice = 10_000;
    int slices = (int) (3 * SeenJournal.MIN_COMPACT_BYTES / (8L * perSlice)) + 1; // a TIME entry takes 4 bytes or more
    for (int s = 0; s < slices; s++) {
      int slice = s;
      onLoop(() -> {
        for (int i = 0; i < perSlice; i++) {
          // One beat series per slice, irregular, so the snapshot cannot shrink it to nothing.
          filter.check("alex", "strap-" + slice, SignalKind.RR, T + i * 300L + (i * 7919L) % 200, NOW);
        }
        journal(filter).afterSlice(NOW);
        return null;
      });
    }
    long total = (long) slices * perSlice;
    await().atMost(Duration.ofSeconds(60)).until(() -> timesInFile() == total);

    assertThat(Files.size(file())).as("rewritten: smaller than the entries appended").isLessThan(total * 4);
    DuplicateFilter restarted = opened(new DuplicateFilter(WINDOW_MS));
    assertThat(restarted.times()).isEqualTo(total);
  }

  @Test
  void aFileCutOffInTheMiddleOfAnEntryKeepsWhatCameBefore() throws Exception {
    DuplicateFilter killed = opened(new DuplicateFilter(WINDOW_MS));
    onLoop(() -> {
      for (int i = 0; i < 10; i++) {
        hr(killed, T + i * 1000L);
      }
      journal(killed).afterSlice(NOW);
      return null;
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> timesInFile() == 10);
    try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 1); // killed while writing the last entry
    }

    DuplicateFilter restarted = opened(new DuplicateFilter(WINDOW_MS));
    onLoop(() -> {
      for (int i = 0; i < 9; i++) {
        assertThat(hr(restarted, T + i * 1000L)).isEqualTo(DUPLICATE);
      }
      assertThat(hr(restarted, T + 9_000)).isEqualTo(NEW);
      return null;
    });
  }

  @Test
  void aFileThatIsNotAJournalIsReplacedAndTheFilterStartsEmpty() throws Exception {
    Files.writeString(file(), "not a journal", StandardCharsets.UTF_8);

    DuplicateFilter filter = opened(new DuplicateFilter(WINDOW_MS));

    assertThat(filter.persons()).isZero();
    assertThat(Files.readString(file(), StandardCharsets.ISO_8859_1)).startsWith("tend-seen-samples 1\n");
  }

  @Test
  void whileTheFileCannotBeWrittenDuplicatesAreStillRecognisedAndItIsWrittenOnceItCanBe() throws Exception {
    Path inTheWay = Files.createDirectories(folder.resolve(SeenJournal.FILE + ".new").resolve("in-the-way"));
    DuplicateFilter filter = opened(new DuplicateFilter(WINDOW_MS));
    onLoop(() -> {
      assertThat(hr(filter, T)).isEqualTo(NEW);
      assertThat(hr(filter, T)).isEqualTo(DUPLICATE);
      return null;
    });
    assertThat(file()).doesNotExist();

    Files.delete(inTheWay);
    Files.delete(inTheWay.getParent());
    onLoop(() -> {
      hr(filter, T + 1000);
      journal(filter).afterSlice(NOW);
      return null;
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> timesInFile() == 2);
  }

  private final Map<DuplicateFilter, SeenJournal> journals = new IdentityHashMap<>();

  /** Opens a journal over the folder for the filter, as the plugin's start does (on a worker). */
  private DuplicateFilter opened(DuplicateFilter filter) throws Exception {
    SeenJournal journal = new SeenJournal(loop, folder, filter);
    loop.owner().executeBlocking(() -> {
      journal.open(NOW);
      return null;
    }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    journals.put(filter, journal);
    return filter;
  }

  private SeenJournal journal(DuplicateFilter filter) {
    return journals.get(filter);
  }

  /** How many sample times the file holds now. */
  private long timesInFile() throws IOException {
    return SeenJournal.read(file(), new DuplicateFilter(WINDOW_MS), NOW);
  }

  private Path file() {
    return folder.resolve(SeenJournal.FILE);
  }

  private static DuplicateFilter.Verdict hr(DuplicateFilter filter, long time) {
    return filter.check("alex", "watch", SignalKind.HR, time, NOW);
  }

  /** Runs on the event loop the filter and journal belong to, and waits. */
  private <T> T onLoop(Supplier<T> action) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    loop.runOnContext(ignored -> {
      try {
        done.complete(action.get());
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    return done.get(30, TimeUnit.SECONDS);
  }
}

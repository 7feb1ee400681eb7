package app.tend.hub.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tend.api.message.SignalKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {

  private static final String GOOD = """
      t_ms,person,kind,value,label
      1000,ana,hr,72.0,rest
      1000,ana,eda,0.81,rest
      1250,ana,rr,812,rest
      1500,ana,heart_sound,3,rest
      2000,bo,hr,64,
      6000,ana,hr,75.5,stress
      1500,ana,eda,0.9,stress
      7000,bo,steps,12,activity
      """;

  record Row(long timeMs, String person, SignalKind kind, double value, Label label) {}

  @TempDir
  Path folder;

  private List<Row> read(Path file) {
    List<Row> rows = new ArrayList<>();
    RecordingReader.read(file, (t, person, kind, value, label) -> rows.add(new Row(t, person, kind, value, label)));
    return rows;
  }

  @Test
  void readsEveryRowAndSkipsUnknownKinds() throws IOException {
    Path file = Files.writeString(folder.resolve("good.csv"), GOOD);

    List<Row> rows = read(file);

    assertThat(rows).containsExactly(
        new Row(1000, "ana", SignalKind.HR, 72.0, Label.REST),
        new Row(1000, "ana", SignalKind.EDA, 0.81, Label.REST),
        new Row(1250, "ana", SignalKind.RR, 812, Label.REST),
        new Row(2000, "bo", SignalKind.HR, 64, Label.NONE),
        new Row(6000, "ana", SignalKind.HR, 75.5, Label.STRESS),
        new Row(1500, "ana", SignalKind.EDA, 0.9, Label.STRESS),
        new Row(7000, "bo", SignalKind.STEPS, 12, Label.ACTIVITY));
  }

  @Test
  void readsGzippedRecordings() throws IOException {
    Path file = folder.resolve("good.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(GOOD.getBytes(StandardCharsets.UTF_8));
    }

    assertThat(read(file)).hasSize(7);
    assertThat(RecordingReader.list(folder)).containsExactly(file);
  }

  @Test
  void refusesAWrongHeader() throws IOException {
    Path file = Files.writeString(folder.resolve("bad.csv"), "time,person,kind,value,label\n1000,ana,hr,72,\n");

    assertThatThrownBy(() -> read(file)).isInstanceOf(RecordingException.class)
        .hasMessage(file + ":1: expected the header 't_ms,person,kind,value,label', got 'time,person,kind,value,label'");
  }

  @Test
  void nonNumericValueNamesFileAndLine() throws IOException {
    Path file = Files.writeString(folder.resolve("bad.csv"), "t_ms,person,kind,value,label\n1000,ana,hr,72,\n2000,ana,hr,fast,\n");

    assertThatThrownBy(() -> read(file)).isInstanceOf(RecordingException.class)
        .hasMessage(file + ":3: value must be a number, got 'fast'");
  }

  @Test
  void notANumberIsNotANumber() throws IOException {
    Path file = Files.writeString(folder.resolve("bad.csv"), "t_ms,person,kind,value,label\n1000,ana,hr,NaN,\n");

    assertThatThrownBy(() -> read(file)).hasMessage(file + ":2: value must be a number, got 'NaN'");
  }

  @Test
  void timeGoingBackMoreThanFiveSecondsForOnePersonAndKindNamesFileAndLine() throws IOException {
    Path file = Files.writeString(folder.resolve("bad.csv"), """
        t_ms,person,kind,value,label
        10000,ana,hr,72,
        10000,bo,hr,60,
        5000,ana,eda,0.5,
        4999,bo,hr,61,
        """);

    assertThatThrownBy(() -> read(file)).isInstanceOf(RecordingException.class)
        .hasMessage(file + ":5: time goes backwards by 5001 ms for bo hr (at most 5000 ms allowed)");
  }

  @Test
  void wrongColumnsAndLabelsNameTheLine() throws IOException {
    Path columns = Files.writeString(folder.resolve("columns.csv"), "t_ms,person,kind,value,label\n1000,ana,hr,72\n");
    Path label = Files.writeString(folder.resolve("label.csv"), "t_ms,person,kind,value,label\n1000,ana,hr,72,panic\n");
    Path person = Files.writeString(folder.resolve("person.csv"), "t_ms,person,kind,value,label\n1000,Ana,hr,72,\n");

    assertThatThrownBy(() -> read(columns)).hasMessageStartingWith(columns + ":2: expected 5 columns");
    assertThatThrownBy(() -> read(label)).hasMessageStartingWith(label + ":2: label must be rest, stress, activity or empty");
    assertThatThrownBy(() -> read(person)).hasMessageStartingWith(person + ":2: person must match");
  }

  @Test
  void readsAShippedRecording() throws IOException {
    Path recordings = Path.of(System.getProperty("tend.recordings"));
    Path file = recordings.resolve("ne01.csv");
    long lines;
    try (var stream = Files.lines(file)) {
      lines = stream.count();
    }

    assertThat(read(file)).hasSize((int) lines - 1).allSatisfy(row -> assertThat(row.person()).isEqualTo("ne01"));
  }
}

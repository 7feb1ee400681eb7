package app.tend.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import app.tend.hub.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

  @TempDir
  Path folder;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new TendCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  /** Three shipped recordings, linked (not copied) into a folder of their own. */
  private Path threeRecordings() throws Exception {
    Path recordings = Path.of(System.getProperty("tend.recordings"));
    for (String name : List.of("ne01.csv", "sp02.csv", "sp03.csv")) {
      Files.createSymbolicLink(folder.resolve(name), recordings.resolve(name).toAbsolutePath());
    }
    return folder;
  }

  @Test
  void jsonHasTheDocumentedShape() throws Exception {
    int code = run("evaluate", threeRecordings().toString(), "--json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode json = Json.MAPPER.readTree(out.toString());
    assertThat(fields(json)).containsExactly("overall", "persons");
    assertThat(fields(json.get("overall"))).containsExactly("balancedAccuracy", "activityFalseStressRate", "medianDetectSeconds");
    assertThat(json.get("persons")).hasSize(3);
    JsonNode first = json.get("persons").get(0);
    assertThat(fields(first)).containsExactly("person", "balancedAccuracy", "activityFalseStressRate", "medianDetectSeconds");
    assertThat(first.get("person").asText()).isEqualTo("ne01");
    assertThat(first.get("balancedAccuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.get("persons").get(1).get("activityFalseStressRate").isNull()).isTrue();
  }

  @Test
  void tablePrintsPersonsDatasetsAndOverall() throws Exception {
    int code = run("evaluate", threeRecordings().toString());

    assertThat(code).isZero();
    assertThat(out.toString()).contains("ne01", "sp03", "dataset ne", "dataset sp", "overall");
    assertThat(err.toString()).contains("evaluated sp03");
  }

  @Test
  void missingFolderIsAnError() {
    int code = run("evaluate", folder.resolve("nowhere").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("nowhere does not exist");
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

package app.tend.hub.cli;

import app.tend.hub.config.StressConfig;
import app.tend.hub.evaluation.EvaluationReport;
import app.tend.hub.evaluation.PersonResult;
import app.tend.hub.evaluation.StressEvaluation;
import app.tend.hub.json.Json;
import app.tend.hub.stress.StressModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Replays labelled recordings through the stress engine and prints how well it detects stress. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {
        "Replay every recording in DIR through the stress engine and compare its per-second state with the labels.",
        "Leave-one-person-out: for each person the model is refit on everyone else. Prints, per person and overall,",
        "balanced accuracy of stress vs rest, the share of activity seconds called stress, and the median seconds",
        "to detect a stress phase. UNKNOWN seconds count as not stress."})
public final class EvaluateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A folder of recordings (*.csv, *.csv.gz) or one recording.")
  Path folder;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--write-model", paramLabel = "FILE",
      description = "Also fit the model on every person and write it to FILE (the hub ships this as stress-model.json).")
  Path writeModel;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.exists(folder)) {
      err.println("tend: evaluate: " + folder + " does not exist");
      return TendCommand.BAD_INPUT;
    }
    boolean terminal = System.console() != null;
    StressEvaluation.Progress progress = (what, done, total) -> {
      if (terminal) {
        err.printf(Locale.ROOT, "\r%-60s %3d%%", what, total == 0 ? 100 : 100 * done / total);
        err.flush();
      } else if (!json) {
        err.println(what);
      }
    };
    StressEvaluation evaluation = StressEvaluation.of(folder, StressConfig.defaults(), progress);
    EvaluationReport report = evaluation.leaveOnePersonOut();
    if (terminal) {
      err.print("\r" + " ".repeat(66) + "\r");
      err.flush();
    }
    if (json) {
      out.println(Json.MAPPER.writeValueAsString(report));
    } else {
      printTable(out, report, evaluation.byDataset());
    }
    if (writeModel != null) {
      StressModel model = evaluation.fitAll();
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(writeModel.toFile(), model);
      err.println("model fit on all persons written to " + writeModel);
    }
    out.flush();
    return 0;
  }

  private static void printTable(PrintWriter out, EvaluationReport report, Map<String, EvaluationReport.Overall> datasets) {
    out.println("Leave-one-person-out stress detection (stress = HIGH; UNKNOWN counts as not stress)");
    out.printf(Locale.ROOT, "%-12s %18s %24s %20s%n", "person", "balanced accuracy", "activity called stress", "median detect (s)");
    for (PersonResult person : report.persons()) {
      out.printf(Locale.ROOT, "%-12s %18s %24s %20s%n", person.person(), fraction(person.balancedAccuracy()),
          percent(person.activityFalseStressRate()), seconds(person.medianDetectSeconds()));
    }
    datasets.forEach((dataset, figures) -> out.printf(Locale.ROOT, "%-12s %18s %24s %20s%n", "dataset " + dataset,
        fraction(figures.balancedAccuracy()), percent(figures.activityFalseStressRate()), seconds(figures.medianDetectSeconds())));
    EvaluationReport.Overall overall = report.overall();
    out.printf(Locale.ROOT, "%-12s %18s %24s %20s%n", "overall", fraction(overall.balancedAccuracy()),
        percent(overall.activityFalseStressRate()), seconds(overall.medianDetectSeconds()));
  }

  private static String fraction(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String percent(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
  }

  private static String seconds(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.0f", value);
  }
}

package app.tend.hub.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The result of {@code tend evaluate}, printed as JSON with {@code --json}.
 *
 * @param overall over all persons
 * @param persons one entry per person, in file order
 */
@JsonPropertyOrder({"overall", "persons"})
public record EvaluationReport(Overall overall, List<PersonResult> persons) {

  /**
   * Figures over all persons.
   *
   * @param balancedAccuracy mean of the persons' balanced accuracies
   * @param activityFalseStressRate share of all activity seconds called stress
   * @param medianDetectSeconds median detection time over all stress phases of all persons
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"balancedAccuracy", "activityFalseStressRate", "medianDetectSeconds"})
  public record Overall(Double balancedAccuracy, Double activityFalseStressRate, Double medianDetectSeconds) {}
}

package app.tend.hub.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How the engine did on one person's labelled seconds.
 *
 * @param person the person
 * @param balancedAccuracy the mean of the share of stress seconds called stress and of rest seconds not called
 *     stress; null without both
 * @param activityFalseStressRate the share of activity seconds called stress; null without activity seconds
 * @param medianDetectSeconds median seconds from the start of a stress phase to the first stress call in it
 *     (a phase never detected counts as endless); null when most phases were not detected or there were none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"person", "balancedAccuracy", "activityFalseStressRate", "medianDetectSeconds"})
public record PersonResult(
    String person, Double balancedAccuracy, Double activityFalseStressRate, Double medianDetectSeconds) {}

package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.segment.EventBehaviour;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A behaviour branch as configured by its properties: {@code eventCode} (required), {@code
 * eventSourceCode} (blank = any source), {@code conditions} (a JSON array of attribute filters in the
 * shape of SEGMENTS.md's behaviour {@code where}), {@code conditionJoin} AND (default) or OR,
 * {@code atLeast} ("at least N times", default 1) and the window {@code windowAmount} ×
 * {@code windowUnit}. Users who did the event but failed the conditions or the count take the
 * "did not" branch, as in the reference product [6.5.3.14].
 *
 * @param behaviour what counts as "did"
 * @param window how long after entering the node users have to do it
 */
record BehaviourBranchSpec(EventBehaviour behaviour, Duration window) {

  /** Cohort mode: N hours or days, at most 15 days [6.5.3.14]. */
  static final Duration MAX_COHORT_WINDOW = Duration.ofDays(15);

  /** Event mode: N minutes, hours or days, at most 1 day [6.5.3.14]. */
  static final Duration MAX_EVENT_WINDOW = Duration.ofDays(1);

  /** As the event entry's and the event-mode branch's "at least N times" ({@link EventFilter}). */
  static final int MAX_COUNT = EventFilter.MAX_AT_LEAST;

  /** The flow property naming the branch a flow leaving the branch stands for. */
  static final String BRANCH = "branch";

  /** The two branches. */
  enum Branch {
    DID,
    DID_NOT
  }

  /**
   * Reads the properties; returns null and adds to {@code problems} (each phrased for the
   * marketer) when they are not a valid behaviour branch. The event itself is checked against the
   * catalogue elsewhere.
   */
  static BehaviourBranchSpec parse(Map<String, String> props, JourneyMode mode, List<String> problems) {
    int before = problems.size();
    String code = props.getOrDefault("eventCode", "").trim();
    if (code.isEmpty()) {
      problems.add("choose the event (eventCode)");
    }
    String source = props.getOrDefault("eventSourceCode", "").trim();
    String join = props.getOrDefault("conditionJoin", "AND").trim().toUpperCase(Locale.ROOT);
    if (!Set.of("AND", "OR").contains(join)) {
      problems.add("conditionJoin must be AND or OR");
    }
    int minCount = count(props.getOrDefault("atLeast", "").trim(), problems);
    Duration window = window(props, mode, problems);
    if (problems.size() > before) {
      return null;
    }
    String where = props.getOrDefault("conditions", "").trim();
    return new BehaviourBranchSpec(
        new EventBehaviour(
            code,
            source.isEmpty() ? null : source,
            where.isEmpty() ? null : where,
            join.equals("OR"),
            minCount),
        window);
  }

  private static int count(String text, List<String> problems) {
    if (text.isEmpty()) {
      return 1;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_COUNT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add("atLeast must be a whole number from 1 to " + MAX_COUNT);
    return 1;
  }

  /**
   * The window of {@code mode}: N hours or days up to 15 days (audience journeys), N minutes or
   * hours up to 1 day (event journeys) [6.5.3.14]; null after adding what is wrong.
   */
  static Duration window(Map<String, String> props, JourneyMode mode, List<String> problems) {
    String amount = props.getOrDefault("windowAmount", "").trim();
    String unit = props.getOrDefault("windowUnit", "").trim().toUpperCase(Locale.ROOT);
    boolean cohort = mode == JourneyMode.AUDIENCE;
    Set<String> units = cohort ? Set.of("HOURS", "DAYS") : Set.of("MINUTES", "HOURS");
    Duration max = cohort ? MAX_COHORT_WINDOW : MAX_EVENT_WINDOW;
    String limit = cohort ? "1 hour to 15 days" : "1 minute to 1 day";
    if (!units.contains(unit)) {
      problems.add("windowUnit must be " + String.join(" or ", units.stream().sorted().toList()));
      return null;
    }
    long n;
    try {
      n = Long.parseLong(amount);
    } catch (NumberFormatException e) {
      problems.add("windowAmount must be a whole number of " + unit.toLowerCase(Locale.ROOT));
      return null;
    }
    Duration per = ChronoUnit.valueOf(unit).getDuration();
    if (n < 1 || n > max.dividedBy(per)) {
      problems.add(
          "the window lasts " + limit + ", not " + n + " " + unit.toLowerCase(Locale.ROOT));
      return null;
    }
    return per.multipliedBy(n);
  }
}

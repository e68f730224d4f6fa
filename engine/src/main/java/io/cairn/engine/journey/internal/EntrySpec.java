package io.cairn.engine.journey.internal;

import io.cairn.engine.event.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The event entry of an event journey: the events that make a user enter ({@link EventFilter})
 * and how often one user may enter. Properties besides the filter's: {@code reentry} ONCE (the
 * default: a user enters once, ever) or LIMITED (at most {@code reentryTimes} entries, 1 to
 * {@value #MAX_TIMES}, in any {@code reentryDays} days, 1 to {@value #MAX_DAYS}) [6.5.2].
 *
 * <p>"At least N times" ({@link EventFilter#atLeast()}): the reference states no counting window.
 * Cairn counts the matching events since the user's last entry that happened within the last
 * {@link #AT_LEAST_WINDOW} (the longest re-entry window), so a user who entered needs N new events
 * to enter again, and a slow trickle of old events does not add up forever.
 *
 * @param times the most entries in a window; 1 with {@code window} null means once, ever
 * @param window the re-entry window, null for "once"
 */
record EntrySpec(EventFilter filter, int times, Duration window) {

  static final int MAX_DAYS = 7;
  static final int MAX_TIMES = 10;
  static final Duration AT_LEAST_WINDOW = Duration.ofDays(7);

  boolean once() {
    return window == null;
  }

  /** Reads the entry; returns null after adding what is wrong to {@code problems}. */
  static EntrySpec parse(
      Map<String, String> props,
      Function<String, Optional<EventType>> types,
      Predicate<String> sourceExists,
      List<String> problems) {
    int before = problems.size();
    EventFilter filter = EventFilter.parse(props, types, sourceExists, problems);
    String reentry = props.getOrDefault("reentry", "ONCE").trim().toUpperCase(Locale.ROOT);
    int times = 1;
    Duration window = null;
    switch (reentry) {
      case "", "ONCE" -> {}
      case "LIMITED" -> {
        int days = number(props, "reentryDays", MAX_DAYS, "days", problems);
        times = number(props, "reentryTimes", MAX_TIMES, "times", problems);
        window = Duration.ofDays(days);
      }
      default -> problems.add("reentry must be ONCE or LIMITED");
    }
    return problems.size() > before ? null : new EntrySpec(filter, times, window);
  }

  private static int number(
      Map<String, String> props, String name, int max, String unit, List<String> problems) {
    String raw = props.getOrDefault(name, "").trim();
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " must be 1 to " + max + " " + unit + " (got \"" + raw + "\")");
    return 1;
  }
}

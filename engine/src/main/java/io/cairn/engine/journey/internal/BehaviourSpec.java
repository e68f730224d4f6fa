package io.cairn.engine.journey.internal;

import io.cairn.engine.event.EventType;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A behaviour branch in event mode: did the user do the event ({@link EventFilter}, with its
 * attribute conditions and "at least N times") within {@code windowAmount} {@code windowUnit}
 * (MINUTES or HOURS, at most one day [6.5.3.14]) of reaching the branch? Users who did the event
 * but failed a condition or the count take the DID_NOT flow. Events received after the user
 * entered the journey count, also those that arrived before the user reached the branch (the event
 * inbox keeps them for {@code cairn.journeys.inbox-retention}).
 */
record BehaviourSpec(EventFilter filter, Duration window) {

  static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** Reads the branch; returns null after adding what is wrong to {@code problems}. */
  static BehaviourSpec parse(
      Map<String, String> props,
      Function<String, Optional<EventType>> types,
      Predicate<String> sourceExists,
      List<String> problems) {
    int before = problems.size();
    EventFilter filter = EventFilter.parse(props, types, sourceExists, problems);
    Duration window = window(props, problems);
    return problems.size() > before ? null : new BehaviourSpec(filter, window);
  }

  /** The window, or null after adding what is wrong to {@code problems}. */
  static Duration window(Map<String, String> props, List<String> problems) {
    String unit = props.getOrDefault("windowUnit", "").trim().toUpperCase(Locale.ROOT);
    String amount = props.getOrDefault("windowAmount", "").trim();
    ChronoUnit u;
    switch (unit) {
      case "MINUTES" -> u = ChronoUnit.MINUTES;
      case "HOURS" -> u = ChronoUnit.HOURS;
      default -> {
        problems.add("in an event journey the window is in MINUTES or HOURS (windowUnit)");
        return null;
      }
    }
    long n;
    try {
      n = Long.parseLong(amount);
    } catch (NumberFormatException e) {
      problems.add("windowAmount must be a whole number of " + unit.toLowerCase(Locale.ROOT));
      return null;
    }
    Duration d = u.getDuration().multipliedBy(n);
    if (n < 1 || d.compareTo(MAX_WINDOW) > 0) {
      problems.add("in an event journey the window is 1 minute to 1 day, not " + n + " "
          + unit.toLowerCase(Locale.ROOT));
      return null;
    }
    return d;
  }
}

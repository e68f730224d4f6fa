package io.cairn.engine.journey.internal;

import io.cairn.engine.event.EventType;
import io.cairn.engine.journey.JourneyMode;
import java.time.Duration;
import java.util.List;
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
    return BehaviourBranchSpec.window(props, JourneyMode.EVENT, problems);
  }
}

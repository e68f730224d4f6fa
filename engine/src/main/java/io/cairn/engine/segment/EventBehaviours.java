package io.cairn.engine.segment;

import io.cairn.engine.segment.internal.BehaviourWindows;
import java.time.Instant;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.stereotype.Service;

/**
 * Who did an {@link EventBehaviour} within a window of time, answered from the event store in one
 * scan of the window's events of that code (never one query per user). Thread-safe.
 */
@Service
public class EventBehaviours {

  private final BehaviourWindows windows;

  EventBehaviours(BehaviourWindows windows) {
    this.windows = windows;
  }

  /**
   * What is wrong with the behaviour, each phrased for the person who configured it: an unknown
   * event type or source, an attribute the type lacks, an operator that does not fit the attribute's
   * type, a count below 1. Empty when it can be evaluated.
   */
  public List<String> problems(EventBehaviour behaviour) {
    return windows.problems(behaviour);
  }

  /**
   * The users (dense ids) with at least {@code minCount} matching events whose event time lies in
   * [{@code from}, {@code to}], both ends included.
   *
   * @throws IllegalArgumentException when the behaviour has {@link #problems} (the event type was
   *     deleted or changed since it was checked)
   */
  public RoaringBitmap did(EventBehaviour behaviour, Instant from, Instant to) {
    return windows.did(behaviour, from, to);
  }
}

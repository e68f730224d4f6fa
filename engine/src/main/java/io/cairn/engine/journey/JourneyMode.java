package io.cairn.engine.journey;

/**
 * How a journey executes, decided by its entry component (ARCHITECTURE.md, two execution modes).
 */
public enum JourneyMode {
  /**
   * Audience entry: a segment enters once or on a schedule; one process instance per run, whose
   * tokens carry cohorts (stored bitmaps), so engine work grows with nodes, not users.
   */
  AUDIENCE,
  /**
   * Event entry: a user's event starts one process instance for that user, with the entity as
   * business key.
   */
  EVENT
}

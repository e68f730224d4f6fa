package io.cairn.engine.journey;

/** Lifecycle of a journey (JOURNEYS.md, Lifecycle). */
public enum JourneyStatus {
  /** Saved but fails validation; cannot start. */
  INCOMPLETE,
  /** Valid and deployed, never started. */
  NOT_STARTED,
  /** Waiting for a run slot. */
  PENDING,
  /** A run is in progress (entering, branching or delivering). */
  RUNNING,
  /** Audience journeys: the next periodic run is skipped. */
  PAUSED,
  /** Event journeys: stopped for good. */
  STOPPED,
  /** The last run finished and every message has an outcome. */
  COMPLETED,
  /** A node failed and the run cannot continue. */
  FAILED
}

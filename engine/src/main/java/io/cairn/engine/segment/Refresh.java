package io.cairn.engine.segment;

/** How often a segment is recomputed. */
public enum Refresh {
  /** Computed when created (and on manual refresh). */
  ONCE,
  /** Recomputed every day at {@link SegmentSettings#refreshAt()} in its time zone. */
  DAILY
}

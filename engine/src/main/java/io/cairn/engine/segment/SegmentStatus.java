package io.cairn.engine.segment;

/** Lifecycle of a segment's materialisation. */
public enum SegmentStatus {
  /** Being evaluated; members are not available yet. */
  GENERATING,
  /** Evaluated; the latest snapshot holds its members. */
  ACTIVE,
  /** Evaluation failed; {@link Segment#error()} says why. */
  FAILED,
  /** Past its {@code expiresAt}: no longer refreshed nor handed to journeys; extend to revive. */
  EXPIRED
}

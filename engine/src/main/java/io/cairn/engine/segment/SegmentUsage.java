package io.cairn.engine.segment;

import java.time.Instant;
import java.util.List;

/**
 * SPI: who uses a segment. Journeys implement it so that a segment in use cannot be deleted nor
 * expire before the journeys using it end. Every bean of this type is asked.
 */
public interface SegmentUsage {

  /** The live uses of a segment (ended journeys are not uses). */
  List<Use> uses(long segmentId);

  /**
   * One user of a segment.
   *
   * @param what e.g. {@code journey 12 "Welcome"}
   * @param endsAt when that use ends, or null when it has no planned end
   */
  record Use(String what, Instant endsAt) {}
}

package io.cairn.engine.segment;

import java.util.List;

/**
 * A segment with what the details page shows.
 *
 * @param segment the segment
 * @param sizeHistory size per refresh, newest first (up to 90)
 * @param usedBy journeys and segments that use it now
 * @param sql for rule segments, the SQL the rule compiles to (before any combine step)
 */
public record SegmentDetails(
    Segment segment, List<SizeRecord> sizeHistory, List<SegmentUsage.Use> usedBy, String sql) {}

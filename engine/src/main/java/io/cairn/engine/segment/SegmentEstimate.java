package io.cairn.engine.segment;

/**
 * What a rule selects now, without saving it.
 *
 * @param size number of members
 * @param sql the SQL the rule compiles to (selects the same members)
 */
public record SegmentEstimate(long size, String sql) {}

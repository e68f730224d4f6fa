package io.cairn.engine.segment;

import java.time.Instant;

/**
 * A folder of segments.
 *
 * @param id group id
 * @param name unique name
 * @param createdAt when it was created
 * @param segments how many segments it holds
 */
public record SegmentGroup(long id, String name, Instant createdAt, long segments) {}

package io.cairn.engine.segment;

import java.time.Instant;

/**
 * A segment and the state of its latest materialisation.
 *
 * @param id segment id
 * @param name display name
 * @param entityType the entity type of its members
 * @param kind how it is defined ({@code RULE} for now)
 * @param status GENERATING, ACTIVE or FAILED
 * @param size members in the latest snapshot, null before the first
 * @param rule the rule JSON
 * @param error why the last evaluation failed
 * @param createdAt when it was created
 * @param refreshedAt when the latest snapshot was taken
 */
public record Segment(
    long id,
    String name,
    String entityType,
    String kind,
    SegmentStatus status,
    Long size,
    String rule,
    String error,
    Instant createdAt,
    Instant refreshedAt) {}

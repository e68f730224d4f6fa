package io.cairn.engine.segment;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * A segment and the state of its latest materialisation.
 *
 * @param id segment id
 * @param name display name
 * @param entityType the entity type of its members
 * @param kind how it is defined
 * @param status GENERATING, ACTIVE, FAILED or EXPIRED
 * @param size members in the latest snapshot, null before the first
 * @param definition the definition JSON of its kind (for RULE the rule)
 * @param error why the last evaluation failed
 * @param createdAt when it was created
 * @param refreshedAt when the latest snapshot was taken
 * @param settings management metadata
 * @param report what the last computation reported (JSON: list import counts, lookalike lift), or
 *     null
 */
public record Segment(
    long id,
    String name,
    String entityType,
    SegmentKind kind,
    SegmentStatus status,
    Long size,
    @JsonRawValue String definition,
    String error,
    Instant createdAt,
    Instant refreshedAt,
    SegmentSettings settings,
    @JsonRawValue String report) {}

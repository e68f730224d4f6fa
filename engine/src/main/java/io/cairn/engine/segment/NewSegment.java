package io.cairn.engine.segment;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A segment to create from a definition.
 *
 * @param name display name, 1–128 characters
 * @param entityType user, merchant or store
 * @param kind RULE, SET, SAMPLE, LOOKALIKE or TABLE (lists: {@link SegmentService#createList}; journey
 *     outputs: {@link SegmentService#createStatic})
 * @param definition the kind's definition JSON (for RULE the rule; {@code rule} is accepted as its
 *     name too, as the first API had it)
 * @param settings management metadata JSON ({@link SegmentSettings} fields), or null for defaults
 */
public record NewSegment(
    String name,
    String entityType,
    String kind,
    @JsonAlias("rule") JsonNode definition,
    JsonNode settings) {}

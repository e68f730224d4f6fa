package io.cairn.engine.journey;

import java.time.Instant;

/**
 * A deployed journey.
 *
 * @param id Cairn's id
 * @param name the marketer's name for it (≤ 64 characters)
 * @param processKey the BPMN process id
 * @param mode how it executes, decided by its entry component
 * @param segmentId the segment its audience entry takes
 * @param status lifecycle status
 * @param error why it failed, when it did
 * @param createdAt when it was saved
 * @param startedAt when its latest run started, or null
 * @param finishedAt when its latest run finished, or null
 */
public record Journey(
    long id,
    String name,
    String processKey,
    JourneyMode mode,
    Long segmentId,
    JourneyStatus status,
    String error,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}

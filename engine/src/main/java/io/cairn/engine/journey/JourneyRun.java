package io.cairn.engine.journey;

import java.time.Instant;

/**
 * One execution record of a journey: one audience entering once.
 *
 * @param id run id
 * @param journeyId the journey
 * @param name {@code <journey>_<yyyyMMddHHmmss>}
 * @param status RUNNING, COMPLETED or FAILED
 * @param audienceSize users who entered
 * @param startedAt when it started
 * @param finishedAt when every node finished and every message had an outcome
 * @param error the incident message when it failed
 */
public record JourneyRun(
    long id,
    long journeyId,
    String name,
    String status,
    long audienceSize,
    Instant startedAt,
    Instant finishedAt,
    String error) {}

package io.cairn.engine.journey;

import java.time.Instant;

/**
 * One execution record of a journey: its audience entering once, for one period of its schedule.
 *
 * @param id run id
 * @param journeyId the journey
 * @param name {@code <journey>_<period>}
 * @param status RUNNING, COMPLETED, FAILED, SKIPPED (a period missed while Cairn was down: only
 *     the latest missed period runs) or STOPPED (the journey was stopped while it ran)
 * @param audienceSize users who entered (0 when skipped)
 * @param startedAt when it started (skipped: when it was recorded)
 * @param finishedAt when every node finished and every message had an outcome
 * @param error the incident message when it failed; why it was skipped or stopped
 * @param period the scheduled local date/time it ran for, in the journey's time zone: {@code
 *     yyyyMMdd} (daily, weekly, every N days), {@code yyyyMM} (monthly), {@code yyyyMMddHHmmss}
 *     (once); null for runs recorded before schedules existed
 * @param scheduledAt when the period was due (null for older runs)
 * @param idsUndecryptable encrypted audiences: members whose id did not decrypt; null otherwise
 * @param idsUnmatched encrypted audiences: members whose decrypted id names no entity; else null
 */
public record JourneyRun(
    long id,
    long journeyId,
    String name,
    String status,
    long audienceSize,
    Instant startedAt,
    Instant finishedAt,
    String error,
    String period,
    Instant scheduledAt,
    Long idsUndecryptable,
    Long idsUnmatched) {}

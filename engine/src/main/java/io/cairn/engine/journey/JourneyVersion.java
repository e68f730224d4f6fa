package io.cairn.engine.journey;

import java.time.Instant;

/**
 * One published version of a journey.
 *
 * @param journeyId the journey
 * @param version 1, 2, … in order of publication
 * @param policy what publishing it meant for users in flight; null for version 1
 * @param publishedAt when it was published (version 1: when the journey was saved)
 * @param current whether new runs and entries use it
 * @param migratedUsers users moved into it by applied migrations
 * @param lastMigratedAt when a migration into it was last applied; null if never
 */
public record JourneyVersion(
    long journeyId,
    int version,
    MigrationPolicy policy,
    Instant publishedAt,
    boolean current,
    long migratedUsers,
    Instant lastMigratedAt) {}

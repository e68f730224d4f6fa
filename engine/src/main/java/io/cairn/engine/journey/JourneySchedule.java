package io.cairn.engine.journey;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * When an audience journey's segment enters, as saved with the journey.
 *
 * @param frequency once or periodic
 * @param settings the audience entry's settings in canonical form ({@code schedule=daily;
 *     time=09:00;timeZone=Europe/Berlin;idsEncrypted=false}: the entry's property names)
 * @param timeZone the zone of every local date and time of the schedule
 * @param endAt no period starts at or after this local time; null = no end
 * @param nextRunAt when the next period is due; null when none is (not started, paused, the end
 *     reached, stopped, failed)
 * @param idsEncrypted the audience's ids are AES-encrypted and decrypted at entry
 */
public record JourneySchedule(
    EntryFrequency frequency,
    String settings,
    String timeZone,
    LocalDateTime endAt,
    Instant nextRunAt,
    boolean idsEncrypted) {}

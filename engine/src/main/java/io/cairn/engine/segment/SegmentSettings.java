package io.cairn.engine.segment;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A segment's management metadata.
 *
 * @param groupId the folder it is filed in, or null
 * @param refresh ONCE or DAILY
 * @param refreshAt local time of the daily refresh
 * @param timeZone the zone of {@code refreshAt} (and of relative dates in its rule)
 * @param scenario free text: what it is used for
 * @param expiresAt when it stops being refreshed and usable, or null for never
 * @param timeSensitive daily segments only: journeys refuse a snapshot older than the latest
 *     scheduled refresh
 * @param notifyEmail who is told when a refresh fails, or null
 */
public record SegmentSettings(
    Long groupId,
    Refresh refresh,
    LocalTime refreshAt,
    ZoneId timeZone,
    String scenario,
    Instant expiresAt,
    boolean timeSensitive,
    String notifyEmail) {

  /** Computed once, refreshed at 03:00 UTC if made daily, never expires. */
  public static SegmentSettings defaults() {
    return new SegmentSettings(
        null, Refresh.ONCE, LocalTime.of(3, 0), ZoneId.of("UTC"), null, null, false, null);
  }
}

package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.EntryFrequency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * When an audience journey's segment enters: once (now, or at {@code startAt}), or periodically at
 * a wall-clock time in the journey's time zone. Pure java.time, thread-safe.
 *
 * <p>Periods are days: {@link EntryFrequency#DAILY} every day, {@link EntryFrequency#WEEKLY} on one weekday,
 * {@link EntryFrequency#MONTHLY} on one day of the month — in a month without that day (the 31st in
 * April, the 29th–31st in February) on the month's last day —, {@link EntryFrequency#EVERY_N_DAYS} on
 * {@code startDate} and every {@code intervalDays} days after it. A run is due at {@code time} on
 * such a day. Wall-clock times follow the zone's daylight-saving rules: a time that does not exist
 * that day (skipped by spring-forward) runs as much later as the gap is long (02:30 → 03:30 in
 * Europe/Berlin), a time that exists twice (fall-back) runs once, at its first occurrence. No
 * period starts at or after {@code endAt}.
 *
 * <p>Each run is named after its period, the scheduled local date (and time) in the zone:
 * {@code yyyyMMddHHmmss} for once, {@code yyyyMMdd} for daily, weekly and every-n-days, {@code
 * yyyyMM} for monthly; a journey runs each period at most once.
 *
 * @param frequency how often
 * @param startAt once: when (local, in {@code zone}); null = as soon as the journey starts
 * @param time periodic: the wall-clock time of day
 * @param weekday weekly: the day
 * @param dayOfMonth monthly: 1–31
 * @param startDate every-n-days: the first day
 * @param intervalDays every-n-days: N, 1–365
 * @param zone the time zone of every local date and time here
 * @param endAt no period starts at or after this local time; null = never ends
 */
record EntrySchedule(
    EntryFrequency frequency,
    LocalDateTime startAt,
    LocalTime time,
    DayOfWeek weekday,
    int dayOfMonth,
    LocalDate startDate,
    int intervalDays,
    ZoneId zone,
    LocalDateTime endAt) {

  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

  /** Run once, as soon as the journey starts, in {@code zone}. */
  static EntrySchedule onceNow(ZoneId zone) {
    return new EntrySchedule(EntryFrequency.ONCE, null, null, null, 0, null, 0, zone, null);
  }

  boolean periodic() {
    return frequency != EntryFrequency.ONCE;
  }

  /**
   * The first period due at or after {@code now} and before the end time. Once: {@code startAt}
   * when it is still ahead, else {@code now} (a once journey started late runs at once).
   */
  Optional<Instant> firstAtOrAfter(Instant now) {
    if (!periodic()) {
      Instant at = startAt == null ? now : startAt.atZone(zone).toInstant();
      Instant due = at.isBefore(now) ? now : at;
      return beforeEnd(due) ? Optional.of(due) : Optional.empty();
    }
    // A day earlier: the wall time of the previous local day can still be ahead of now (DST).
    LocalDate day = LocalDate.ofInstant(now, zone).minusDays(1);
    for (int guard = 0; guard < 800; guard++) {
      day = firstDayOnOrAfter(day);
      Instant at = day.atTime(time).atZone(zone).toInstant();
      if (!at.isBefore(now)) {
        return beforeEnd(at) ? Optional.of(at) : Optional.empty();
      }
      day = day.plusDays(1);
    }
    throw new IllegalStateException("no period within 800 days: " + this);
  }

  /** The period after the one due at {@code due}; empty when it would start at or after the end. */
  Optional<Instant> nextAfter(Instant due) {
    return periodic() ? firstAtOrAfter(due.plusSeconds(1)) : Optional.empty();
  }

  /** The name of the period due at {@code due}: its scheduled local date (and time). */
  String period(Instant due) {
    LocalDateTime local = LocalDateTime.ofInstant(due, zone);
    return switch (frequency) {
      case ONCE -> SECOND.format(local);
      case MONTHLY -> MONTH.format(local);
      case DAILY, WEEKLY, EVERY_N_DAYS -> DAY.format(local);
    };
  }

  private boolean beforeEnd(Instant at) {
    return endAt == null || at.isBefore(endAt.atZone(zone).toInstant());
  }

  private LocalDate firstDayOnOrAfter(LocalDate day) {
    return switch (frequency) {
      case DAILY -> day;
      case WEEKLY -> day.with(TemporalAdjusters.nextOrSame(weekday));
      case MONTHLY -> {
        LocalDate inMonth = dayInMonth(day);
        yield inMonth.isBefore(day) ? dayInMonth(day.plusMonths(1).withDayOfMonth(1)) : inMonth;
      }
      case EVERY_N_DAYS -> {
        if (!day.isAfter(startDate)) {
          yield startDate;
        }
        long since = ChronoUnit.DAYS.between(startDate, day);
        long periods = (since + intervalDays - 1) / intervalDays;
        yield startDate.plusDays(periods * intervalDays);
      }
      case ONCE -> throw new IllegalStateException("once has no days");
    };
  }

  /** {@code dayOfMonth} in the month of {@code day}, or the month's last day when it is shorter. */
  private LocalDate dayInMonth(LocalDate day) {
    return day.withDayOfMonth(Math.min(dayOfMonth, day.lengthOfMonth()));
  }
}

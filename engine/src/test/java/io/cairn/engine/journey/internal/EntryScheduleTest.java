package io.cairn.engine.journey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.engine.journey.EntryFrequency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Next due times of every frequency across month ends, leap years and daylight-saving changes. */
class EntryScheduleTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static EntrySchedule daily(String time, ZoneId zone, LocalDateTime endAt) {
    return new EntrySchedule(
        EntryFrequency.DAILY, null, LocalTime.parse(time), null, 0, null, 0, zone, endAt);
  }

  private static EntrySchedule weekly(DayOfWeek day, String time, ZoneId zone) {
    return new EntrySchedule(
        EntryFrequency.WEEKLY, null, LocalTime.parse(time), day, 0, null, 0, zone, null);
  }

  private static EntrySchedule monthly(int day, String time, ZoneId zone) {
    return new EntrySchedule(
        EntryFrequency.MONTHLY, null, LocalTime.parse(time), null, day, null, 0, zone, null);
  }

  private static EntrySchedule everyNDays(String from, int n, String time, ZoneId zone) {
    return new EntrySchedule(
        EntryFrequency.EVERY_N_DAYS,
        null,
        LocalTime.parse(time),
        null,
        0,
        LocalDate.parse(from),
        n,
        zone,
        null);
  }

  /** The first {@code count} periods due at or after {@code from}, as instants. */
  private static List<Instant> periods(EntrySchedule s, String from, int count) {
    List<Instant> out = new ArrayList<>();
    Optional<Instant> next = s.firstAtOrAfter(Instant.parse(from));
    while (next.isPresent() && out.size() < count) {
      out.add(next.get());
      next = s.nextAfter(next.get());
    }
    return out;
  }

  private static List<Instant> instants(String... values) {
    return java.util.Arrays.stream(values).map(Instant::parse).toList();
  }

  @Test
  void shouldRunDailyAcrossMonthAndYearEnds() {
    EntrySchedule s = daily("09:00", UTC, null);

    assertThat(periods(s, "2030-12-30T09:00:00Z", 4))
        .isEqualTo(
            instants(
                "2030-12-30T09:00:00Z",
                "2030-12-31T09:00:00Z",
                "2031-01-01T09:00:00Z",
                "2031-01-02T09:00:00Z"));
    assertThat(s.firstAtOrAfter(Instant.parse("2030-01-31T09:00:01Z")))
        .contains(Instant.parse("2030-02-01T09:00:00Z"));
    assertThat(s.period(Instant.parse("2030-02-01T09:00:00Z"))).isEqualTo("20300201");
  }

  @Test
  void shouldKeepTheWallClockTimeAcrossDaylightSavingChanges() {
    // Europe/Berlin: CET (+1) → CEST (+2) on 2030-03-31, back on 2030-10-27.
    assertThat(periods(daily("09:00", BERLIN, null), "2030-03-30T00:00:00Z", 2))
        .isEqualTo(instants("2030-03-30T08:00:00Z", "2030-03-31T07:00:00Z"));
    assertThat(periods(daily("09:00", BERLIN, null), "2030-10-26T00:00:00Z", 2))
        .isEqualTo(instants("2030-10-26T07:00:00Z", "2030-10-27T08:00:00Z"));
  }

  @Test
  void shouldRunASkippedTimeLaterAndADoubledTimeOnce() {
    // 02:30 does not exist on 2030-03-31 (02:00 → 03:00): it runs at 03:30 CEST, same period.
    EntrySchedule spring = daily("02:30", BERLIN, null);
    List<Instant> around = periods(spring, "2030-03-30T00:00:00Z", 3);
    assertThat(around)
        .isEqualTo(
            instants("2030-03-30T01:30:00Z", "2030-03-31T01:30:00Z", "2030-04-01T00:30:00Z"));
    assertThat(around).extracting(spring::period).containsExactly("20300330", "20300331", "20300401");
    // 02:30 happens twice on 2030-10-27 (03:00 → 02:00): it runs once, the first time (CEST).
    assertThat(periods(daily("02:30", BERLIN, null), "2030-10-26T00:00:00Z", 3))
        .isEqualTo(
            instants("2030-10-26T00:30:00Z", "2030-10-27T00:30:00Z", "2030-10-28T01:30:00Z"));
  }

  @Test
  void shouldRunWeeklyOnTheWeekday() {
    // 2030-01-01 is a Tuesday.
    EntrySchedule s = weekly(DayOfWeek.MONDAY, "16:00", UTC);

    assertThat(periods(s, "2030-01-01T00:00:00Z", 3))
        .isEqualTo(
            instants("2030-01-07T16:00:00Z", "2030-01-14T16:00:00Z", "2030-01-21T16:00:00Z"));
    assertThat(s.firstAtOrAfter(Instant.parse("2030-01-07T15:59:00Z")))
        .contains(Instant.parse("2030-01-07T16:00:00Z"));
    assertThat(s.period(Instant.parse("2030-01-07T16:00:00Z"))).isEqualTo("20300107");
    // Across the spring change in Berlin: Monday 2030-04-01 16:00 is CEST.
    assertThat(periods(weekly(DayOfWeek.MONDAY, "16:00", BERLIN), "2030-03-25T00:00:00Z", 2))
        .isEqualTo(instants("2030-03-25T15:00:00Z", "2030-04-01T14:00:00Z"));
  }

  @Test
  void shouldRunMonthlyOnTheLastDayOfShorterMonths() {
    EntrySchedule on31st = monthly(31, "14:00", UTC);

    assertThat(periods(on31st, "2030-01-01T00:00:00Z", 5))
        .isEqualTo(
            instants(
                "2030-01-31T14:00:00Z",
                "2030-02-28T14:00:00Z",
                "2030-03-31T14:00:00Z",
                "2030-04-30T14:00:00Z",
                "2030-05-31T14:00:00Z"));
    assertThat(periods(monthly(30, "14:00", UTC), "2032-02-01T00:00:00Z", 2))
        .as("2032 is a leap year")
        .isEqualTo(instants("2032-02-29T14:00:00Z", "2032-03-30T14:00:00Z"));
    assertThat(periods(monthly(1, "00:30", BERLIN), "2030-11-15T00:00:00Z", 3))
        .as("across a year end, in winter time")
        .isEqualTo(
            instants("2030-11-30T23:30:00Z", "2030-12-31T23:30:00Z", "2031-01-31T23:30:00Z"));
    assertThat(on31st.period(Instant.parse("2030-02-28T14:00:00Z"))).isEqualTo("203002");
  }

  @Test
  void shouldRunEveryNDaysFromTheStartDate() {
    EntrySchedule s = everyNDays("2030-01-30", 3, "10:00", UTC);

    assertThat(periods(s, "2030-01-01T00:00:00Z", 3))
        .as("nothing before the start date")
        .isEqualTo(
            instants("2030-01-30T10:00:00Z", "2030-02-02T10:00:00Z", "2030-02-05T10:00:00Z"));
    assertThat(s.firstAtOrAfter(Instant.parse("2030-02-02T10:00:01Z")))
        .contains(Instant.parse("2030-02-05T10:00:00Z"));
    assertThat(s.firstAtOrAfter(Instant.parse("2030-02-03T00:00:00Z")))
        .contains(Instant.parse("2030-02-05T10:00:00Z"));
    assertThat(periods(everyNDays("2030-03-29", 2, "02:30", BERLIN), "2030-03-29T00:00:00Z", 3))
        .isEqualTo(
            instants("2030-03-29T01:30:00Z", "2030-03-31T01:30:00Z", "2030-04-02T00:30:00Z"));
  }

  @Test
  void shouldStartNoPeriodAtOrAfterTheEndTime() {
    EntrySchedule s = daily("09:00", BERLIN, LocalDateTime.parse("2030-01-03T09:00"));

    assertThat(periods(s, "2030-01-01T00:00:00Z", 10))
        .isEqualTo(instants("2030-01-01T08:00:00Z", "2030-01-02T08:00:00Z"));
    assertThat(s.firstAtOrAfter(Instant.parse("2030-01-03T08:00:00Z"))).isEmpty();
  }

  @Test
  void shouldRunOnceAtItsTimeOrNowWhenThatHasPassed() {
    EntrySchedule at =
        new EntrySchedule(
            EntryFrequency.ONCE,
            LocalDateTime.parse("2030-01-31T09:00"),
            null,
            null,
            0,
            null,
            0,
            BERLIN,
            null);
    Instant before = Instant.parse("2030-01-01T00:00:00Z");
    Instant after = Instant.parse("2030-02-01T00:00:00Z");

    assertThat(at.firstAtOrAfter(before)).contains(Instant.parse("2030-01-31T08:00:00Z"));
    assertThat(at.firstAtOrAfter(after)).contains(after);
    assertThat(at.nextAfter(Instant.parse("2030-01-31T08:00:00Z"))).isEmpty();
    assertThat(at.period(Instant.parse("2030-01-31T08:00:00Z"))).isEqualTo("20300131090000");
    assertThat(EntrySchedule.onceNow(UTC).firstAtOrAfter(before)).contains(before);
  }

  @Test
  void shouldReportEveryBadValueByProperty() {
    List<String> problems = new ArrayList<>();
    AudienceEntry entry =
        AudienceEntry.parse(
            Map.of(
                "schedule", "weekly",
                "time", "25:00",
                "weekday", "FUNDAY",
                "timeZone", "Mars/Olympus",
                "endAt", "tomorrow",
                "idsEncrypted", "yes"),
            UTC,
            problems);

    assertThat(entry).isNull();
    assertThat(problems)
        .hasSize(5)
        .anySatisfy(p -> assertThat(p).startsWith("time \"25:00\""))
        .anySatisfy(p -> assertThat(p).startsWith("weekday \"FUNDAY\""))
        .anySatisfy(p -> assertThat(p).startsWith("timeZone \"Mars/Olympus\""))
        .anySatisfy(p -> assertThat(p).startsWith("endAt \"tomorrow\""))
        .anySatisfy(p -> assertThat(p).startsWith("idsEncrypted"));
    problems.clear();
    AudienceEntry.parse(Map.of("schedule", "monthly", "dayOfMonth", "32"), UTC, problems);
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "time is not configured (HH:mm (24-hour), e.g. 09:30)",
            "dayOfMonth \"32\" is not a day from 1 to 31");
    problems.clear();
    AudienceEntry.parse(
        Map.of("schedule", "every_n_days", "time", "10:00", "intervalDays", "0"), UTC, problems);
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "startDate is not configured (yyyy-MM-dd)",
            "intervalDays \"0\" is not a number of days from 1 to 365");
    problems.clear();
    AudienceEntry.parse(Map.of("schedule", "hourly"), UTC, problems);
    assertThat(problems).singleElement().asString().contains("schedule must be once, daily");
  }

  @Test
  void shouldStoreTheEntryInACanonicalFormWithItsZoneFixed() {
    List<String> problems = new ArrayList<>();
    AudienceEntry entry =
        AudienceEntry.parse(
            Map.of(
                "schedule", "MONTHLY",
                "time", "14:00",
                "dayOfMonth", "31",
                "endAt", "2030-12-31T23:59",
                "idsEncrypted", "true",
                "weekday", "MONDAY"),
            BERLIN,
            problems);

    assertThat(problems).isEmpty();
    assertThat(entry.spec())
        .isEqualTo(
            "schedule=monthly;time=14:00;dayOfMonth=31;timeZone=Europe/Berlin;"
                + "endAt=2030-12-31T23:59;idsEncrypted=true");
    assertThat(AudienceEntry.fromSpec(entry.spec())).isEqualTo(entry);
    assertThat(AudienceEntry.fromSpec(null)).isEqualTo(AudienceEntry.legacy());
  }
}

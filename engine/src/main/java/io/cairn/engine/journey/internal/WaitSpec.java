package io.cairn.engine.journey.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a wait component waits for, read from its properties: {@code waitType} FOR (default) with
 * {@code amount} and {@code unit} (MINUTES, HOURS, DAYS, WEEKS), or UNTIL with {@code until} (a
 * local date-time, {@code 2030-01-31T09:00}) in {@code timeZone} (IANA, default UTC). Exactly one
 * of the two fields is set.
 *
 * @param duration how long, for FOR
 * @param until the instant, for UNTIL
 */
record WaitSpec(Duration duration, Instant until) {

  /** JOURNEYS.md: a wait lasts at most 30 days [6.5.3.20]. */
  static final Duration MAX = Duration.ofDays(30);

  /**
   * Reads the properties; returns null and adds to {@code problems} (each phrased for the
   * marketer) when they are not a valid wait. {@code now} bounds an UNTIL wait: it must end after
   * now and within {@link #MAX}; null skips that check.
   */
  static WaitSpec parse(Map<String, String> props, Instant now, List<String> problems) {
    String type = props.getOrDefault("waitType", "FOR").trim().toUpperCase(Locale.ROOT);
    switch (type) {
      case "FOR" -> {
        return forDuration(props, problems);
      }
      case "UNTIL" -> {
        return untilTime(props, now, problems);
      }
      default -> {
        problems.add("waitType must be FOR or UNTIL, not \"" + type + "\"");
        return null;
      }
    }
  }

  private static WaitSpec forDuration(Map<String, String> props, List<String> problems) {
    String amount = props.getOrDefault("amount", "").trim();
    String unit = props.getOrDefault("unit", "").trim().toUpperCase(Locale.ROOT);
    long n;
    try {
      n = Long.parseLong(amount);
    } catch (NumberFormatException e) {
      problems.add("amount must be a whole number of " + (unit.isEmpty() ? "units" : unit));
      return null;
    }
    ChronoUnit u;
    switch (unit) {
      case "MINUTES" -> u = ChronoUnit.MINUTES;
      case "HOURS" -> u = ChronoUnit.HOURS;
      case "DAYS" -> u = ChronoUnit.DAYS;
      case "WEEKS" -> u = ChronoUnit.WEEKS;
      default -> {
        problems.add("unit must be MINUTES, HOURS, DAYS or WEEKS");
        return null;
      }
    }
    if (n < 1 || n > MAX.dividedBy(u.getDuration())) {
      problems.add("a wait lasts 1 " + unit.toLowerCase(Locale.ROOT) + " to 30 days, not " + n
          + " " + unit.toLowerCase(Locale.ROOT));
      return null;
    }
    return new WaitSpec(u.getDuration().multipliedBy(n), null);
  }

  private static WaitSpec untilTime(Map<String, String> props, Instant now, List<String> problems) {
    ZoneId zone;
    try {
      zone = ZoneId.of(props.getOrDefault("timeZone", "UTC").trim());
    } catch (DateTimeException e) {
      problems.add("timeZone must be an IANA zone such as Asia/Shanghai");
      return null;
    }
    Instant until;
    try {
      until = LocalDateTime.parse(props.getOrDefault("until", "").trim()).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      problems.add("until must be a date and time such as 2030-01-31T09:00");
      return null;
    }
    if (now == null) {
      return new WaitSpec(null, until);
    }
    if (!until.isAfter(now)) {
      problems.add("the wait ends at " + until + ", which has passed");
      return null;
    }
    if (until.isAfter(now.plus(MAX))) {
      problems.add("a wait lasts at most 30 days; " + until + " is further away");
      return null;
    }
    return new WaitSpec(null, until);
  }
}

package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.EntryFrequency;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The audience entry's settings besides its segment, read from the start event's {@code
 * camunda:properties} (never evaluated: every value is parsed into a java.time value or refused)
 * and stored with the journey in a canonical form ({@link #spec}).
 *
 * <p>Properties: {@code schedule} ({@code once} (default), {@code daily}, {@code weekly}, {@code
 * monthly}, {@code every_n_days}); {@code startAt} (once, optional, {@code yyyy-MM-ddTHH:mm});
 * {@code time} (periodic, {@code HH:mm}); {@code weekday} ({@code MONDAY}…); {@code dayOfMonth}
 * (1–31); {@code startDate} ({@code yyyy-MM-dd}) and {@code intervalDays} (1–365) for every N days;
 * {@code timeZone} (IANA; blank = {@code cairn.journeys.time-zone}); {@code endAt} (optional,
 * {@code yyyy-MM-ddTHH:mm}); {@code idsEncrypted} ({@code true}/{@code false}).
 *
 * @param schedule when the segment enters
 * @param idsEncrypted the segment members' external ids are AES ciphertext, decrypted at entry
 */
record AudienceEntry(EntrySchedule schedule, boolean idsEncrypted) {

  static final int MAX_INTERVAL_DAYS = 365;
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  /** What an entry stored before schedules existed means: once, now, plain ids, in UTC. */
  static AudienceEntry legacy() {
    return new AudienceEntry(EntrySchedule.onceNow(ZoneId.of("UTC")), false);
  }

  /**
   * Parses the properties; every problem is added to {@code problems} (in words that name the
   * property) and the result is then null.
   */
  static AudienceEntry parse(Map<String, String> props, ZoneId defaultZone, List<String> problems) {
    int before = problems.size();
    Reader r = new Reader(props, problems);
    EntryFrequency frequency =
        EntryFrequency.of(r.text("schedule", "once"))
            .orElseGet(
                () -> {
                  problems.add(
                      "schedule must be once, daily, weekly, monthly or every_n_days");
                  return EntryFrequency.ONCE;
                });
    String zoneText = r.text("timeZone", "");
    ZoneId zone = defaultZone;
    if (!zoneText.isEmpty()) {
      zone = r.parse("timeZone", zoneText, ZoneId::of, "a time zone such as Europe/Berlin");
    }
    LocalDateTime startAt = null;
    LocalTime time = null;
    DayOfWeek weekday = null;
    int dayOfMonth = 0;
    LocalDate startDate = null;
    int interval = 0;
    switch (frequency) {
      case ONCE -> startAt = r.optional("startAt", s -> LocalDateTime.parse(s, LOCAL), "yyyy-MM-ddTHH:mm");
      case DAILY -> time = r.time();
      case WEEKLY -> {
        time = r.time();
        weekday =
            r.required(
                "weekday", s -> DayOfWeek.valueOf(s.toUpperCase(Locale.ROOT)), "MONDAY … SUNDAY");
      }
      case MONTHLY -> {
        time = r.time();
        Integer day = r.required("dayOfMonth", s -> inRange(s, 1, 31), "a day from 1 to 31");
        dayOfMonth = day == null ? 0 : day;
      }
      case EVERY_N_DAYS -> {
        time = r.time();
        startDate = r.required("startDate", LocalDate::parse, "yyyy-MM-dd");
        Integer n =
            r.required(
                "intervalDays",
                s -> inRange(s, 1, MAX_INTERVAL_DAYS),
                "a number of days from 1 to " + MAX_INTERVAL_DAYS);
        interval = n == null ? 0 : n;
      }
    }
    LocalDateTime endAt = r.optional("endAt", s -> LocalDateTime.parse(s, LOCAL), "yyyy-MM-ddTHH:mm");
    if (startAt != null && endAt != null && !startAt.isBefore(endAt)) {
      problems.add("endAt must be after startAt");
    }
    String encrypted = r.text("idsEncrypted", "false");
    if (!encrypted.equalsIgnoreCase("true") && !encrypted.equalsIgnoreCase("false")) {
      problems.add("idsEncrypted must be true or false");
    }
    if (problems.size() > before) {
      return null;
    }
    return new AudienceEntry(
        new EntrySchedule(
            frequency, startAt, time, weekday, dayOfMonth, startDate, interval, zone, endAt),
        encrypted.equalsIgnoreCase("true"));
  }

  /** The canonical form stored with the journey; {@link #fromSpec} reads it back. */
  String spec() {
    EntrySchedule s = schedule;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("schedule", s.frequency().code());
    put(p, "startAt", s.startAt() == null ? null : LOCAL.format(s.startAt()));
    put(p, "time", s.time() == null ? null : HH_MM.format(s.time()));
    put(p, "weekday", s.weekday() == null ? null : s.weekday().name());
    put(p, "dayOfMonth", s.dayOfMonth() == 0 ? null : String.valueOf(s.dayOfMonth()));
    put(p, "startDate", s.startDate() == null ? null : s.startDate().toString());
    put(p, "intervalDays", s.intervalDays() == 0 ? null : String.valueOf(s.intervalDays()));
    p.put("timeZone", s.zone().getId());
    put(p, "endAt", s.endAt() == null ? null : LOCAL.format(s.endAt()));
    p.put("idsEncrypted", String.valueOf(idsEncrypted));
    StringBuilder out = new StringBuilder();
    p.forEach((k, v) -> out.append(out.length() == 0 ? "" : ";").append(k).append('=').append(v));
    return out.toString();
  }

  /** Reads a stored {@link #spec}; null (a journey saved before schedules) means {@link #legacy}. */
  static AudienceEntry fromSpec(String spec) {
    if (spec == null || spec.isBlank()) {
      return legacy();
    }
    Map<String, String> props = new LinkedHashMap<>();
    for (String pair : spec.split(";")) {
      int eq = pair.indexOf('=');
      props.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    List<String> problems = new java.util.ArrayList<>();
    AudienceEntry entry = parse(props, ZoneId.of("UTC"), problems);
    if (entry == null) {
      throw new IllegalStateException("stored entry settings are invalid: " + problems);
    }
    return entry;
  }

  private static void put(Map<String, String> p, String key, String value) {
    if (value != null) {
      p.put(key, value);
    }
  }

  private static int inRange(String s, int min, int max) {
    int v = Integer.parseInt(s);
    if (v < min || v > max) {
      throw new NumberFormatException();
    }
    return v;
  }

  /** Reads one property at a time, adding a problem that names it when its value is unusable. */
  private record Reader(Map<String, String> props, List<String> problems) {

    String text(String name, String fallback) {
      String v = props.get(name);
      return v == null || v.isBlank() ? fallback : v.trim();
    }

    LocalTime time() {
      return required("time", s -> LocalTime.parse(s, HH_MM), "HH:mm (24-hour), e.g. 09:30");
    }

    <T> T required(String name, Function<String, T> parser, String expected) {
      String v = text(name, "");
      if (v.isEmpty()) {
        problems.add(name + " is not configured (" + expected + ")");
        return null;
      }
      return parse(name, v, parser, expected);
    }

    <T> T optional(String name, Function<String, T> parser, String expected) {
      String v = text(name, "");
      return v.isEmpty() ? null : parse(name, v, parser, expected);
    }

    <T> T parse(String name, String value, Function<String, T> parser, String expected) {
      try {
        return parser.apply(value);
      } catch (DateTimeException | IllegalArgumentException e) {
        // the value itself is echoed: it is the marketer's own input, never a secret
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        problems.add(name + " \"" + shown + "\" is not " + expected);
        return null;
      }
    }
  }
}

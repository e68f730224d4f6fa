package io.cairn.engine.segment.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.segment.Refresh;
import io.cairn.engine.segment.SegmentSettings;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Reads a segment's settings JSON; unknown or bad fields become violations under {@code settings}. */
@Component
public class SettingsParser {

  private static final Set<String> FIELDS = Set.of(
      "groupId", "refresh", "refreshAt", "timeZone", "scenario", "expiresAt", "timeSensitive",
      "notifyEmail");
  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

  private final SegmentStore store;

  SettingsParser(SegmentStore store) {
    this.store = store;
  }

  /** Settings from JSON over {@code base} (fields absent keep base's value). */
  public SegmentSettings parse(JsonNode json, SegmentSettings base, Instant now, List<Violation> v) {
    if (json == null || json.isNull()) {
      return base;
    }
    if (!json.isObject()) {
      v.add(new Violation("settings", "an object"));
      return base;
    }
    json.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        v.add(new Violation("settings." + f, "unknown field"));
      }
    });
    Long groupId = base.groupId();
    if (json.has("groupId")) {
      JsonNode g = json.get("groupId");
      if (g.isNull()) {
        groupId = null;
      } else if (!g.canConvertToLong() || store.group(g.asLong()).isEmpty()) {
        v.add(new Violation("settings.groupId", "no segment group " + g.asText()));
      } else {
        groupId = g.asLong();
      }
    }
    Refresh refresh = base.refresh();
    if (json.hasNonNull("refresh")) {
      try {
        refresh = Refresh.valueOf(json.get("refresh").asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        v.add(new Violation("settings.refresh", "ONCE or DAILY"));
      }
    }
    LocalTime refreshAt = base.refreshAt();
    if (json.hasNonNull("refreshAt")) {
      String t = json.get("refreshAt").asText();
      if (HH_MM.matcher(t).matches()) {
        refreshAt = LocalTime.parse(t);
      } else {
        v.add(new Violation("settings.refreshAt", "a time of day as HH:mm"));
      }
    }
    ZoneId zone = base.timeZone();
    if (json.hasNonNull("timeZone")) {
      try {
        zone = ZoneId.of(json.get("timeZone").asText());
      } catch (DateTimeException e) {
        v.add(new Violation("settings.timeZone", "an IANA time zone such as Asia/Shanghai"));
      }
    }
    String scenario = text(json, "scenario", base.scenario(), 256, v);
    Instant expiresAt = base.expiresAt();
    if (json.has("expiresAt")) {
      expiresAt = json.get("expiresAt").isNull() ? null : instant("settings.expiresAt", json.get("expiresAt").asText(), now, v);
    }
    boolean timeSensitive = base.timeSensitive();
    if (json.has("timeSensitive")) {
      if (!json.get("timeSensitive").isBoolean()) {
        v.add(new Violation("settings.timeSensitive", "true or false"));
      } else {
        timeSensitive = json.get("timeSensitive").asBoolean();
      }
    }
    if (timeSensitive && refresh != Refresh.DAILY) {
      v.add(new Violation("settings.timeSensitive", "only daily segments can be time-sensitive"));
    }
    String email = text(json, "notifyEmail", base.notifyEmail(), 320, v);
    if (email != null && !EMAIL.matcher(email).matches()) {
      v.add(new Violation("settings.notifyEmail", "not an email address"));
    }
    return new SegmentSettings(
        groupId, refresh, refreshAt, zone, scenario, expiresAt, timeSensitive, email);
  }

  /** An ISO-8601 instant or offset date-time in the future. */
  public static Instant instant(String field, String text, Instant now, List<Violation> v) {
    Instant at;
    try {
      at = ZonedDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      v.add(new Violation(field, "an ISO-8601 date-time with offset, e.g. 2027-01-31T23:59:59+08:00"));
      return null;
    }
    if (!at.isAfter(now)) {
      v.add(new Violation(field, "must be in the future"));
    }
    return at;
  }

  private static String text(JsonNode json, String field, String base, int max, List<Violation> v) {
    if (!json.has(field)) {
      return base;
    }
    if (json.get(field).isNull()) {
      return null;
    }
    String s = json.get(field).asText().trim();
    if (s.isEmpty() || s.length() > max) {
      v.add(new Violation("settings." + field, "1 to " + max + " characters"));
    }
    return s.isEmpty() ? null : s;
  }

  /** The next daily refresh strictly after {@code now}, or null for one-time segments. */
  public static Instant nextRefresh(SegmentSettings s, Instant now) {
    if (s.refresh() != Refresh.DAILY) {
      return null;
    }
    ZonedDateTime local = now.atZone(s.timeZone());
    ZonedDateTime next = local.with(s.refreshAt()).withSecond(0).withNano(0);
    if (!next.isAfter(local)) {
      next = next.plusDays(1).with(s.refreshAt());
    }
    return next.toInstant();
  }

  /** The latest scheduled daily refresh at or before {@code now}. */
  public static Instant lastScheduled(SegmentSettings s, Instant now) {
    ZonedDateTime local = now.atZone(s.timeZone());
    ZonedDateTime at = local.with(s.refreshAt()).withSecond(0).withNano(0);
    return (at.isAfter(local) ? at.minusDays(1).with(s.refreshAt()) : at).toInstant();
  }
}

package io.cairn.engine.delivery.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a message may go out under a quiet window, in the recipient's time zone. */
final class QuietHours {

  private QuietHours() {}

  /**
   * {@code now} when it lies outside the window, else the instant the window ends. Windows may
   * cross midnight (21:00–08:00). On a DST day the end is the local time as the zone resolves it:
   * an end inside a spring-forward gap moves later by the gap, an end inside a fall-back overlap
   * takes the earlier offset — never earlier than the window's real end.
   */
  static Instant nextAllowed(Instant now, ZoneId zone, PolicyProperties.QuietWindow window) {
    if (window.start().equals(window.end())) {
      return now; // an empty window
    }
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    LocalDate day = local.toLocalDate();
    boolean crossesMidnight = window.start().isAfter(window.end());
    if (!crossesMidnight) {
      boolean quiet = !time.isBefore(window.start()) && time.isBefore(window.end());
      return quiet ? ZonedDateTime.of(day, window.end(), zone).toInstant() : now;
    }
    if (!time.isBefore(window.start())) {
      return ZonedDateTime.of(day.plusDays(1), window.end(), zone).toInstant();
    }
    if (time.isBefore(window.end())) {
      return ZonedDateTime.of(day, window.end(), zone).toInstant();
    }
    return now;
  }
}

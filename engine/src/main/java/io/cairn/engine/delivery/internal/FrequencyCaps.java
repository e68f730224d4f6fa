package io.cairn.engine.delivery.internal;

import io.cairn.connectors.channel.Channel;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Per-recipient message counts against a frequency cap, across every journey. A slot is reserved
 * before the message goes to the provider, by one conditional UPDATE per recipient; the database
 * serialises those on the counter row, so concurrent dispatchers never take the count above the
 * cap. A slot whose message was not sent is given back.
 */
@Component
class FrequencyCaps {

  private final JdbcTemplate jdbc;

  FrequencyCaps(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The first day of the cap period holding {@code now}, in {@code zone}. */
  static LocalDate periodStart(Instant now, ZoneId zone, PolicyProperties.Period period) {
    LocalDate day = now.atZone(zone).toLocalDate();
    return period == PolicyProperties.Period.DAY
        ? day
        : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The first instant of the period after the one starting on {@code start}. */
  static Instant nextPeriod(LocalDate start, ZoneId zone, PolicyProperties.Period period) {
    LocalDate next = period == PolicyProperties.Period.DAY ? start.plusDays(1) : start.plusWeeks(1);
    return next.atStartOfDay(zone).toInstant();
  }

  /** Takes one slot of the entity's count; false when the cap is reached. */
  boolean reserve(String entityType, int entityId, Channel channel, LocalDate period, int max) {
    if (increment(entityType, entityId, channel, period, max)) {
      return true;
    }
    try {
      jdbc.update(
          "INSERT INTO cairn_send_count (entity_type, entity_id, channel, period_start, cnt)"
              + " VALUES (?,?,?,?,1)",
          entityType,
          entityId,
          channel.name(),
          Date.valueOf(period));
      return true;
    } catch (DuplicateKeyException exists) {
      // Either the row is at the cap, or another dispatcher inserted it between our UPDATE and
      // INSERT: one more conditional UPDATE tells which.
      return increment(entityType, entityId, channel, period, max);
    }
  }

  private boolean increment(
      String entityType, int entityId, Channel channel, LocalDate period, int max) {
    return jdbc.update(
            "UPDATE cairn_send_count SET cnt = cnt + 1 WHERE entity_type = ? AND entity_id = ?"
                + " AND channel = ? AND period_start = ? AND cnt < ?",
            entityType,
            entityId,
            channel.name(),
            Date.valueOf(period),
            max)
        == 1;
  }

  /** Gives back a slot whose message was not sent. */
  void release(String entityType, int entityId, Channel channel, LocalDate period) {
    jdbc.update(
        "UPDATE cairn_send_count SET cnt = cnt - 1 WHERE entity_type = ? AND entity_id = ?"
            + " AND channel = ? AND period_start = ? AND cnt > 0",
        entityType,
        entityId,
        channel.name(),
        Date.valueOf(period));
  }
}

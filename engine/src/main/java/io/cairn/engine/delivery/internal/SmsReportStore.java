package io.cairn.engine.delivery.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durable cursor of an SMS platform's delivery reports ({@code cairn_sms_platform_cursor}) and
 * the one ledger fact the poller needs besides the receipt path: which connector an action
 * execution went through, so that a report never settles a row another connector sent.
 */
final class SmsReportStore {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  SmsReportStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The end of the last report window read completely, if any. */
  Optional<Instant> cursor(String platform) {
    return jdbc
        .query(
            "SELECT reported_until FROM cairn_sms_platform_cursor WHERE platform = ?",
            (rs, i) -> rs.getTimestamp(1).toInstant(),
            platform)
        .stream()
        .findFirst();
  }

  /** Stores the cursor; never moves it backwards (another node may have read further). */
  void advance(String platform, Instant until) {
    Timestamp at = Timestamp.from(until);
    Timestamp now = Timestamp.from(clock.instant());
    int updated =
        jdbc.update(
            "UPDATE cairn_sms_platform_cursor SET reported_until = ?, updated_at = ?"
                + " WHERE platform = ? AND reported_until < ?",
            at,
            now,
            platform,
            at);
    if (updated == 0 && cursor(platform).isEmpty()) {
      try {
        jdbc.update(
            "INSERT INTO cairn_sms_platform_cursor (platform, reported_until, updated_at)"
                + " VALUES (?, ?, ?)",
            platform,
            at,
            now);
      } catch (DuplicateKeyException e) {
        advance(platform, until); // another node inserted it first: compare with its value
      }
    }
  }

  /** The connector id an action execution was recorded with, if the action exists. */
  Optional<String> connectorOf(long actionId) {
    return jdbc
        .query(
            "SELECT connector_id FROM cairn_action_execution WHERE id = ?",
            (rs, i) -> rs.getString(1),
            actionId)
        .stream()
        .findFirst();
  }
}

package io.cairn.engine.delivery.internal;

import io.cairn.connectors.ads.AudienceUploadListener;
import io.cairn.connectors.ads.AudienceUploadReport;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.engine.delivery.UploadStats;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps what ad platforms report about each upload ({@code cairn_audience_upload}), per action
 * execution, for the action's statistics. The ad connectors call it on the dispatch thread; the
 * action is the one in the batch's idempotency keys ({@code <actionId>-<entityId>}, see {@link
 * io.cairn.engine.delivery.DeliveryLedger}). Thread-safe.
 */
@Component
public class AudienceUploads implements AudienceUploadListener {

  private static final Logger log = LoggerFactory.getLogger(AudienceUploads.class);
  private static final int MAX_TEXT = 255;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  AudienceUploads(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void uploaded(DeliveryBatch<?> batch, AudienceUploadReport report) {
    long actionId = actionOf(batch);
    if (actionId < 0) {
      return; // not a ledger delivery (e.g. a connector test call): nothing to attribute it to
    }
    try {
      jdbc.update(
          "INSERT INTO cairn_audience_upload (action_id, connector_id, audience, upload_ref,"
              + " uploaded, received, invalid, matched, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          actionId,
          report.connectorId(),
          truncate(report.audience()),
          truncate(report.upload()),
          report.uploaded(),
          report.received(),
          report.invalid(),
          report.matched(),
          Timestamp.from(clock.instant()));
    } catch (DataAccessException e) {
      // The listener must not throw: the upload happened and its ledger outcomes still count.
      log.warn("upload report of action {} not stored: {}", actionId, e.getMessage());
    }
  }

  /** Per action execution of the run that uploaded, its summed upload statistics. */
  public Map<Long, UploadStats> byRun(long runId) {
    Map<Long, Totals> totals = new LinkedHashMap<>();
    jdbc.query(
        "SELECT u.action_id, u.audience, COUNT(*), SUM(u.uploaded), SUM(u.received),"
            + " SUM(u.invalid), SUM(u.matched), COUNT(u.matched)"
            + " FROM cairn_audience_upload u JOIN cairn_action_execution a ON a.id = u.action_id"
            + " WHERE a.run_id = ? GROUP BY u.action_id, u.audience ORDER BY u.action_id",
        rs -> {
          Totals t = totals.computeIfAbsent(rs.getLong(1), id -> new Totals());
          t.audiences.add(rs.getString(2));
          t.uploads += rs.getLong(3);
          t.sent += rs.getLong(4);
          t.accepted += rs.getLong(5);
          t.invalid += rs.getLong(6);
          if (rs.getLong(8) > 0) {
            t.matched = (t.matched == null ? 0 : t.matched) + rs.getLong(7);
          }
        },
        runId);
    Map<Long, UploadStats> out = new LinkedHashMap<>();
    totals.forEach(
        (id, t) ->
            out.put(
                id,
                new UploadStats(t.audiences, t.uploads, t.sent, t.accepted, t.invalid, t.matched)));
    return out;
  }

  /** The action id in the batch's idempotency keys, or -1 when they are not the ledger's. */
  private static long actionOf(DeliveryBatch<?> batch) {
    if (batch == null || batch.messages().isEmpty()) {
      return -1;
    }
    String key = batch.messages().get(0).idempotencyKey();
    return key != null && key.matches("[0-9]{1,18}-[0-9]{1,10}")
        ? Long.parseLong(key.substring(0, key.indexOf('-')))
        : -1;
  }

  private static String truncate(String s) {
    String v = s == null ? "" : s;
    return v.length() <= MAX_TEXT ? v : v.substring(0, MAX_TEXT);
  }

  private static final class Totals {
    final List<String> audiences = new ArrayList<>();
    long uploads;
    long sent;
    long accepted;
    long invalid;
    Long matched;
  }
}

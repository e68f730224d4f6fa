package io.cairn.engine.delivery.internal;

import io.cairn.engine.delivery.DeliveryStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQL of the ledger's upkeep: the NO_FEEDBACK sweep and the retention purge. Every statement that
 * changes rows names a bounded range of one action's primary key, so no statement locks more than
 * one chunk, and every one is safe to run on several nodes at once (its conditions are re-checked
 * by the database, and a purge counts only what its own DELETE removed).
 */
@Component
class UpkeepRows {

  /** Condition on {@code a}: the action has no incident waiting for a replay (which needs rows). */
  private static final String NO_OPEN_INCIDENT =
      " NOT EXISTS (SELECT 1 FROM cairn_delivery_incident i"
          + " WHERE i.action_id = a.id AND i.replayed_at IS NULL)";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  UpkeepRows(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** An action whose SENT rows may still be waiting for feedback. */
  record OpenAction(
      long id,
      String channel,
      Map<String, String> settings,
      Instant createdAt,
      Instant finishedAt) {}

  List<OpenAction> feedbackOpen() {
    return jdbc.query(
        "SELECT id, channel, settings, created_at, finished_at FROM cairn_action_execution"
            + " WHERE feedback_closed = FALSE AND purged_at IS NULL ORDER BY id",
        (rs, i) -> {
          Timestamp finished = rs.getTimestamp(5);
          return new OpenAction(
              rs.getLong(1),
              rs.getString(2),
              SettingsBinder.fromJson(rs.getString(3)),
              rs.getTimestamp(4).toInstant(),
              finished == null ? null : finished.toInstant());
        });
  }

  /**
   * Turns up to {@code limit} SENT rows after entity {@code after} that have no receipt and were
   * sent at or before {@code cutoff} into NO_FEEDBACK. The row's {@code updated_at} keeps the send
   * time: nothing happened at the provider, and the send time is what later windows and the
   * providers' health read.
   *
   * @return the chunk's last entity and the rows changed; null when there was nothing left
   */
  Chunk expireChunk(long actionId, Instant cutoff, int after, int limit) {
    Timestamp until = Timestamp.from(cutoff);
    List<Integer> ids =
        jdbc.queryForList(
            "SELECT entity_id FROM cairn_delivery WHERE action_id = ? AND status = 'SENT'"
                + " AND receipt_at IS NULL AND updated_at <= ? AND entity_id > ?"
                + " ORDER BY action_id, entity_id LIMIT ?",
            Integer.class,
            actionId,
            until,
            after,
            limit);
    if (ids.isEmpty()) {
      return null;
    }
    int changed =
        jdbc.update(
            "UPDATE cairn_delivery SET status = 'NO_FEEDBACK' WHERE action_id = ?"
                + " AND entity_id BETWEEN ? AND ? AND status = 'SENT' AND receipt_at IS NULL"
                + " AND updated_at <= ?",
            actionId,
            ids.get(0),
            ids.get(ids.size() - 1),
            until);
    return new Chunk(ids.get(ids.size() - 1), changed);
  }

  /** One chunk of the sweep: the next starts after {@code last}. */
  record Chunk(int last, int changed) {}

  /**
   * Marks an action's feedback closed when it is done and finished at or before {@code cutoff}
   * (then every SENT row it has was sent before the window's start).
   */
  boolean closeFeedback(long actionId, Instant cutoff) {
    return jdbc.update(
            "UPDATE cairn_action_execution SET feedback_closed = TRUE WHERE id = ?"
                + " AND status = ? AND finished_at <= ?",
            actionId,
            LedgerRows.DONE,
            Timestamp.from(cutoff))
        > 0;
  }

  /**
   * Actions whose rows may be purged now: done at or before {@code cutoff}, feedback closed, no
   * open incident, purge not started.
   */
  List<Long> purgeable(Instant cutoff) {
    return jdbc.queryForList(
        "SELECT a.id FROM cairn_action_execution a WHERE a.status = ?"
            + " AND a.finished_at <= ? AND a.feedback_closed = TRUE"
            + " AND a.purged_at IS NULL AND"
            + NO_OPEN_INCIDENT
            + " ORDER BY a.id",
        Long.class,
        LedgerRows.DONE,
        Timestamp.from(cutoff));
  }

  /** Actions whose purge started but left rows (a crash, or another node still at work). */
  List<Long> purgeUnfinished() {
    return jdbc.queryForList(
        "SELECT a.id FROM cairn_action_execution a WHERE a.purged_at IS NOT NULL"
            + " AND EXISTS (SELECT 1 FROM cairn_delivery d WHERE d.action_id = a.id)"
            + " ORDER BY a.id",
        Long.class);
  }

  /**
   * Starts purging an action if it still qualifies: stamps it and creates its summary rows at zero,
   * in one transaction. Returns false when it no longer qualifies or was started already.
   */
  boolean startPurge(long actionId, Instant cutoff, Instant now) {
    return Boolean.TRUE.equals(
        tx.execute(
            s -> {
              int started =
                  jdbc.update(
                      "UPDATE cairn_action_execution a SET purged_at = ? WHERE a.id = ?"
                          + " AND a.status = ? AND a.finished_at <= ? AND a.feedback_closed = TRUE"
                          + " AND a.purged_at IS NULL AND"
                          + NO_OPEN_INCIDENT,
                      Timestamp.from(now),
                      actionId,
                      LedgerRows.DONE,
                      Timestamp.from(cutoff));
              if (started == 0) {
                return false;
              }
              List<Object[]> zeros = new ArrayList<>();
              for (DeliveryStatus st : DeliveryStatus.values()) {
                zeros.add(new Object[] {actionId, st.name()});
              }
              jdbc.batchUpdate(
                  "INSERT INTO cairn_action_outcome (action_id, status, recipients)"
                      + " VALUES (?,?,0)",
                  zeros);
              return true;
            }));
  }

  /**
   * Deletes the first {@code limit} rows of a purged action and adds them to its summary, in one
   * transaction: what a DELETE reports it removed is what is counted, so two nodes working on the
   * same chunk cannot count a row twice.
   *
   * @return rows deleted; 0 when none is left
   */
  int purgeChunk(long actionId, int limit) {
    Integer deleted =
        tx.execute(
            s -> {
              List<Object> purged =
                  jdbc.queryForList(
                      "SELECT purged_at FROM cairn_action_execution WHERE id = ?",
                      Object.class,
                      actionId);
              if (purged.isEmpty() || purged.get(0) == null) {
                return 0; // only rows whose counts have a summary to go to are ever deleted
              }
              List<Integer> last =
                  jdbc.queryForList(
                      "SELECT entity_id FROM cairn_delivery WHERE action_id = ?"
                          + " ORDER BY action_id, entity_id LIMIT 1 OFFSET ?",
                      Integer.class,
                      actionId,
                      limit - 1);
              int upTo = last.isEmpty() ? Integer.MAX_VALUE : last.get(0);
              Map<String, Long> present = new LinkedHashMap<>();
              jdbc.query(
                  "SELECT status, COUNT(*) FROM cairn_delivery WHERE action_id = ?"
                      + " AND entity_id <= ? GROUP BY status",
                  rs -> {
                    present.put(rs.getString(1), rs.getLong(2));
                  },
                  actionId,
                  upTo);
              int total = 0;
              for (String status : present.keySet()) {
                int n =
                    jdbc.update(
                        "DELETE FROM cairn_delivery WHERE action_id = ? AND entity_id <= ?"
                            + " AND status = ?",
                        actionId,
                        upTo,
                        status);
                jdbc.update(
                    "UPDATE cairn_action_outcome SET recipients = recipients + ?"
                        + " WHERE action_id = ? AND status = ?",
                    n,
                    actionId,
                    status);
                total += n;
              }
              return total;
            });
    return deleted == null ? 0 : deleted;
  }
}

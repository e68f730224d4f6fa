package io.cairn.engine.delivery.internal;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dispatcher's side of the ledger: claims batches of due rows, leases each right before it is
 * sent, and records its outcomes. A row is not written until its outcome is known: the lease (one
 * row per batch) says which rows are in flight, so each delivery attempt costs one row write per
 * recipient, and that write is one multi-row statement per batch.
 */
@Component
class BatchLeases {

  /**
   * SQL condition on a {@code cairn_delivery} row: it lies in an open lease and was due when the
   * lease was taken, i.e. it is in flight (or was, when its dispatcher died).
   */
  static final String IN_OPEN_LEASE =
      "EXISTS (SELECT 1 FROM cairn_delivery_lease l WHERE l.action_id = cairn_delivery.action_id"
          + " AND cairn_delivery.entity_id BETWEEN l.first_entity AND l.last_entity"
          + " AND (cairn_delivery.next_attempt_at IS NULL"
          + " OR cairn_delivery.next_attempt_at <= l.claimed_at)"
          // a row added to the action after the claim (shared executions of event journeys get
          // rows while they are drained) was not in the batch, even if its entity is in range
          + " AND cairn_delivery.updated_at < TIMESTAMPADD(SECOND, 1, l.claimed_at))";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  BatchLeases(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Rows of one action delivered together; {@code id} is 0 until the lease is {@link #open open}
   * (and stays 0 for a batch that sent nothing).
   */
  record Lease(long id, long actionId, List<LedgerRows.Claimed> rows, Timestamp claimedAt) {
    boolean isEmpty() {
      return rows.isEmpty();
    }

    int lastEntity() {
      return rows.get(rows.size() - 1).entityId();
    }
  }

  /**
   * The next due PENDING rows of an action after entity {@code after}, in entity order (a drain
   * walks the primary key once). Nothing is written: the caller claims an action's batches one at
   * a time, moving its cursor past each, and {@link #open opens a lease} before sending one.
   */
  Lease claim(long actionId, int after, int limit) {
    // Whole seconds: DATETIME columns keep no fractions on MySQL, and a lease must name exactly
    // the rows this SELECT found due.
    Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    List<LedgerRows.Claimed> rows =
        jdbc.query(
            "SELECT entity_id, attempts FROM cairn_delivery WHERE action_id = ? AND entity_id > ?"
                + " AND status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
                + " ORDER BY action_id, entity_id LIMIT ?",
            (rs, i) -> new LedgerRows.Claimed(rs.getInt(1), rs.getInt(2) + 1),
            actionId,
            after,
            now,
            limit);
    return new Lease(0, actionId, rows, now);
  }

  /**
   * Opens the batch's lease, durably, right before its connector is called: from here on its rows
   * may reach the provider. A batch that fails before this point was not sent, and its rows are
   * simply claimed again.
   */
  Lease open(Lease claimed) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_delivery_lease (action_id, first_entity, last_entity,"
                      + " claimed_at) VALUES (?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setLong(1, claimed.actionId());
          ps.setInt(2, claimed.rows().get(0).entityId());
          ps.setInt(3, claimed.lastEntity());
          ps.setTimestamp(4, claimed.claimedAt());
          return ps;
        },
        key);
    return new Lease(key.getKey().longValue(), claimed.actionId(), claimed.rows(), claimed.claimedAt());
  }

  /**
   * Records a batch's outcomes and closes its lease, if it was opened, in one transaction and with one
   * statement for all rows. A receipt that settled a row while it was in flight (the receiver can
   * answer the request and report before the batch ends) keeps its outcome: rows only move forward.
   *
   * <p>The statement is an upsert used as a multi-row UPDATE: every row exists (it was claimed), so
   * the INSERT part never applies, and with rewriteBatchedStatements the batch becomes one
   * statement on MySQL/MariaDB. The "inserted" attempts value is the attempt to count: 0 when a
   * send policy deferred the row, since a deferral is not an attempt.
   */
  void record(Lease lease, List<LedgerRows.Result> results) {
    Timestamp now = Timestamp.from(clock.instant());
    tx.executeWithoutResult(
        s -> {
          jdbc.batchUpdate(
              "INSERT INTO cairn_delivery (action_id, entity_id, status, recipient, reason,"
                  + " provider_ref, next_attempt_at, updated_at, attempts)"
                  + " VALUES (?,?,?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE"
                  + " status = CASE WHEN receipt_at IS NULL THEN VALUES(status) ELSE status END,"
                  + " recipient = VALUES(recipient),"
                  + " reason = CASE WHEN receipt_at IS NULL THEN VALUES(reason) ELSE reason END,"
                  + " provider_ref = VALUES(provider_ref),"
                  + " next_attempt_at = CASE WHEN receipt_at IS NULL"
                  + " THEN VALUES(next_attempt_at) ELSE next_attempt_at END,"
                  + " updated_at = VALUES(updated_at), attempts = attempts + VALUES(attempts)",
              results,
              results.size(),
              (ps, r) -> {
                ps.setLong(1, lease.actionId());
                ps.setInt(2, r.entityId());
                ps.setString(3, r.status().name());
                ps.setString(4, r.recipient());
                ps.setString(5, LedgerRows.truncate(r.reason(), 512));
                ps.setString(6, LedgerRows.truncate(r.providerRef(), 128));
                ps.setTimestamp(
                    7, r.nextAttemptAt() == null ? null : Timestamp.from(r.nextAttemptAt()));
                ps.setTimestamp(8, now);
                ps.setInt(9, r.deferred() ? 0 : 1);
              });
          if (lease.id() != 0) {
            jdbc.update("DELETE FROM cairn_delivery_lease WHERE id = ?", lease.id());
          }
        });
  }

  /**
   * Closes leases whose dispatcher is gone: every row that was in flight under them may have
   * reached the provider, so it becomes AMBIGUOUS (counted as an attempt) rather than being sent
   * again. Also settles rows an older version left IN_FLIGHT. {@code actionId} null = all actions
   * (at startup); otherwise only that action's, which its drain calls before claiming (a lease
   * left open by a failed outcome write).
   *
   * @return the rows made AMBIGUOUS
   */
  int closeAbandoned(Long actionId) {
    String scope = actionId == null ? "" : " AND action_id = " + actionId;
    Timestamp now = Timestamp.from(clock.instant());
    return tx.execute(
        s -> {
          int n =
              jdbc.update(
                  "UPDATE cairn_delivery SET status = 'AMBIGUOUS', attempts = attempts + 1,"
                      + " reason = 'interrupted while in flight', updated_at = ?"
                      + " WHERE receipt_at IS NULL"
                      + scope
                      + " AND (status = 'IN_FLIGHT' OR (status = 'PENDING' AND "
                      + IN_OPEN_LEASE
                      + "))",
                  now);
          jdbc.update("DELETE FROM cairn_delivery_lease WHERE 1 = 1" + scope);
          return n;
        });
  }
}

package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.delivery.DeliveryStatus;
import io.cairn.engine.testing.EngineTestApplication;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leases of in-flight batches, driven by hand (the dispatcher polls once at startup, then not for
 * an hour): a lease left open by a dead dispatcher turns exactly its claimed rows AMBIGUOUS while a
 * batch claimed but never opened stays PENDING, a receipt may settle a row while it is in flight
 * and keeps its outcome, and a deferral is not counted as an attempt.
 */
@SpringBootTest(
    classes = EngineTestApplication.class,
    properties = "cairn.dispatch.poll-interval=1h")
class BatchLeasesIT {

  @Autowired BatchLeases leases;
  @Autowired LedgerRows rows;
  @Autowired DeliveryLedger ledger;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anAbandonedLeaseMakesExactlyItsClaimedRowsAmbiguous() {
    long action = enqueue(1, 2, 3, 4, 5, 6, 7, 8, 9);
    // entity 2 waits for a retry in an hour: inside the lease's range, but not claimed by it
    jdbc.update(
        "UPDATE cairn_delivery SET next_attempt_at = ?, attempts = 1 WHERE action_id = ? AND entity_id = 2",
        Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS)),
        action);

    BatchLeases.Lease lease = leases.open(leases.claim(action, -1, 4));
    assertThat(lease.rows()).extracting(LedgerRows.Claimed::entityId).containsExactly(1, 3, 4, 5);
    assertThat(lease.rows()).extracting(LedgerRows.Claimed::attempts).containsOnly(1);
    // the next claim starts behind the lease, as the dispatcher's drain does; a batch claimed but
    // never opened (it failed before sending) leaves its rows PENDING
    BatchLeases.Lease next = leases.claim(action, lease.lastEntity(), 2);
    assertThat(next.rows()).extracting(LedgerRows.Claimed::entityId).containsExactly(6, 7);
    leases.record(leases.open(next), sent(6, 7));
    BatchLeases.Lease unsent = leases.claim(action, next.lastEntity(), 4);
    assertThat(unsent.rows()).extracting(LedgerRows.Claimed::entityId).containsExactly(8, 9);

    assertThat(leases.closeAbandoned(null)).isEqualTo(4); // the process "died" with lease open

    assertThat(statuses(action))
        .containsEntry(1, "AMBIGUOUS/1")
        .containsEntry(2, "PENDING/1")
        .containsEntry(3, "AMBIGUOUS/1")
        .containsEntry(5, "AMBIGUOUS/1")
        .containsEntry(6, "SENT/1")
        .containsEntry(7, "SENT/1")
        .containsEntry(8, "PENDING/0")
        .containsEntry(9, "PENDING/0");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cairn_delivery_lease", Integer.class))
        .isZero();
  }

  @Test
  void aReceiptForARowInFlightSettlesItAndTheBatchOutcomeDoesNotUndoIt() {
    long action = enqueue(11, 12);
    BatchLeases.Lease lease = leases.open(leases.claim(action, -1, 10));

    assertThat(rows.settleByReceipt(action, 11, true, null, "delivered", Instant.now())).isTrue();
    leases.record(lease, sent(11, 12));

    assertThat(statuses(action)).containsEntry(11, "DELIVERED/1").containsEntry(12, "SENT/1");
    // outside any lease, a never-attempted row takes no receipt
    long other = enqueue(13);
    assertThat(rows.settleByReceipt(other, 13, true, null, "delivered", Instant.now())).isFalse();
  }

  @Test
  void aDeferralGivesTheAttemptBack() {
    long action = enqueue(21);
    BatchLeases.Lease lease = leases.claim(action, -1, 10);
    Instant later = Instant.now().plus(2, ChronoUnit.HOURS);
    leases.record(
        lease,
        List.of(new LedgerRows.Result(
            21, DeliveryStatus.PENDING, "+8613800000021", "quiet-hours", null, later, true)));

    assertThat(statuses(action)).containsEntry(21, "PENDING/0");
    assertThat(leases.claim(action, -1, 10).rows()).as("not due before the window").isEmpty();
  }

  private long enqueue(int... entities) {
    RoaringBitmap recipients = RoaringBitmap.bitmapOf(entities);
    return tx.execute(
        s ->
            ledger.enqueue(
                new ActionRequest(
                    3, 30, "sms", "lease-" + entities[0], Channel.SMS, "user",
                    Map.of("template", "Hi"), recipients)));
  }

  private static List<LedgerRows.Result> sent(int... entities) {
    return java.util.Arrays.stream(entities)
        .mapToObj(e -> new LedgerRows.Result(
            e, DeliveryStatus.SENT, "+86138000000" + e, null, "p" + e, null, false))
        .toList();
  }

  /** entity → "STATUS/attempts". */
  private Map<Integer, String> statuses(long action) {
    Map<Integer, String> out = new TreeMap<>();
    jdbc.query(
        "SELECT entity_id, status, attempts FROM cairn_delivery WHERE action_id = ?",
        rs -> {
          out.put(rs.getInt(1), rs.getString(2) + "/" + rs.getInt(3));
        },
        action);
    return out;
  }
}

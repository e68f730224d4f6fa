package io.cairn.engine.journey.internal;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Node statistics of event-mode instances, exact and without a hot row: a transaction sums its
 * instances' counts per (run, element) in memory and adds them, right before it commits, to the
 * shard of its thread ({@code cairn_node_stat_shard}), so concurrent transactions (entry workers,
 * job executor threads) rarely touch the same row, and an entry batch of a hundred users costs one
 * upsert per node instead of two hundred. Counts commit with the engine state they describe.
 */
@Component
class EventNodeStats {

  static final int SHARDS = 16;
  private static final String BUFFER = EventNodeStats.class.getName() + ".buffer";

  private final JdbcTemplate jdbc;

  EventNodeStats(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts one user entering ({@code start}) or leaving a node, in the current transaction. */
  void count(long runId, String elementId, boolean start) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      write(Map.of(new Key(runId, elementId), start ? new long[] {1, 0} : new long[] {0, 1}));
      return;
    }
    @SuppressWarnings("unchecked")
    Map<Key, long[]> buffer = (Map<Key, long[]>) TransactionSynchronizationManager.getResource(BUFFER);
    if (buffer == null) {
      Map<Key, long[]> fresh = new TreeMap<>();
      TransactionSynchronizationManager.bindResource(BUFFER, fresh);
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
              write(fresh);
            }

            @Override
            public void afterCompletion(int status) {
              TransactionSynchronizationManager.unbindResourceIfPossible(BUFFER);
            }
          });
      buffer = fresh;
    }
    long[] c = buffer.computeIfAbsent(new Key(runId, elementId), k -> new long[2]);
    c[start ? 0 : 1]++;
  }

  /** In key order, so two transactions lock shared rows in the same order (no deadlock). */
  private void write(Map<Key, long[]> counts) {
    if (counts.isEmpty()) {
      return;
    }
    int shard = (int) (Thread.currentThread().getId() % SHARDS);
    counts.forEach((k, c) -> add(k, c, shard));
  }

  private void add(Key k, long[] c, int shard) {
    String update =
        "UPDATE cairn_node_stat_shard SET entered = entered + ?, left_count = left_count + ?"
            + " WHERE run_id = ? AND element_id = ? AND shard = ?";
    if (jdbc.update(update, c[0], c[1], k.runId(), k.elementId(), shard) > 0) {
      return;
    }
    try {
      jdbc.update(
          "INSERT INTO cairn_node_stat_shard (run_id, element_id, shard, entered, left_count)"
              + " VALUES (?,?,?,?,?)",
          k.runId(),
          k.elementId(),
          shard,
          c[0],
          c[1]);
    } catch (DuplicateKeyException createdMeanwhile) {
      // another thread of this shard created the row first (it waited for that commit)
      jdbc.update(update, c[0], c[1], k.runId(), k.elementId(), shard);
    }
  }

  private record Key(long runId, String elementId) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int c = Long.compare(runId, o.runId);
      return c != 0 ? c : elementId.compareTo(o.elementId);
    }
  }
}

package io.cairn.engine.event.internal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out event ids from blocks reserved in {@code cairn_event_seq}, each reservation in its own
 * short transaction, so nodes never collide and ingestion never waits on a sequence. Ids of a
 * rolled-back batch are simply not used (gaps are harmless: ids only identify).
 */
@Component
class EventIds {

  private static final int BLOCK = 10_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate reserveTx;
  private long next;
  private long end;

  EventIds(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.reserveTx = new TransactionTemplate(transactions);
    reserveTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** {@code count} new ids. */
  synchronized long[] take(int count) {
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      if (next == end) {
        next = reserveTx.execute(s -> reserve());
        end = next + BLOCK;
      }
      ids[i] = next++;
    }
    return ids;
  }

  private long reserve() {
    long first = jdbc.queryForObject(
        "SELECT next_id FROM cairn_event_seq WHERE name = 'event' FOR UPDATE", Long.class);
    jdbc.update("UPDATE cairn_event_seq SET next_id = ? WHERE name = 'event'", first + BLOCK);
    return first;
  }
}

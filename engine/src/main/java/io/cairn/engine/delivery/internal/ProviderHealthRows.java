package io.cairn.engine.delivery.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * SQL of the providers' health: what the latest attempted rows of a connector's latest actions say,
 * read from the ledger so that listing providers never calls one.
 */
@Component
public class ProviderHealthRows {

  // enough for a sample of a connector that sends to small audiences; bounds the walk
  private static final int MAX_ACTIONS = 20;

  /** Rows that reached (or may have reached) the provider, each classified in SQL. */
  private static final String CLASSIFIED =
      "SELECT CASE WHEN status IN ('SENT','DELIVERED','NO_FEEDBACK')"
          + " OR (status = 'FAILED' AND reason LIKE 'receipt:%') THEN 'ACCEPTED'"
          + " WHEN status = 'AMBIGUOUS' THEN 'AMBIGUOUS'"
          + " WHEN status = 'PENDING' OR ("
          + LedgerRows.EXHAUSTED_ROW
          + ") THEN 'RETRYABLE'"
          + " ELSE 'REJECTED' END AS kind, updated_at FROM cairn_delivery"
          + " WHERE action_id = ? AND attempts > 0"
          + " AND status IN ('SENT','DELIVERED','NO_FEEDBACK','FAILED','AMBIGUOUS','PENDING')"
          + " ORDER BY updated_at DESC LIMIT ?";

  private final JdbcTemplate jdbc;

  ProviderHealthRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts of the sample; {@code last*} are null when nothing of that kind was seen. */
  public record Sample(
      long accepted,
      long rejected,
      long retryable,
      long ambiguous,
      Instant lastSuccessAt,
      Instant lastAttemptAt) {

    public long total() {
      return accepted + rejected + retryable + ambiguous;
    }
  }

  /** Up to {@code size} of the connector's latest attempted rows, newest actions first. */
  public Sample sample(String connectorId, int size) {
    List<Long> actions =
        jdbc.queryForList(
            "SELECT id FROM cairn_action_execution WHERE connector_id = ? AND purged_at IS NULL"
                + " ORDER BY connector_id DESC, id DESC LIMIT "
                + MAX_ACTIONS,
            Long.class,
            connectorId);
    long[] counts = new long[4];
    Instant[] last = new Instant[2];
    for (long action : actions) {
      long left = size - (counts[0] + counts[1] + counts[2] + counts[3]);
      if (left <= 0) {
        break;
      }
      jdbc.query(
          "SELECT kind, COUNT(*), MAX(updated_at) FROM (" + CLASSIFIED + ") t GROUP BY kind",
          rs -> {
            String kind = rs.getString(1);
            int i =
                switch (kind) {
                  case "ACCEPTED" -> 0;
                  case "REJECTED" -> 1;
                  case "RETRYABLE" -> 2;
                  default -> 3;
                };
            counts[i] += rs.getLong(2);
            Instant at = rs.getTimestamp(3).toInstant();
            if (i == 0) {
              last[0] = later(last[0], at);
            }
            last[1] = later(last[1], at);
          },
          action,
          left);
    }
    return new Sample(counts[0], counts[1], counts[2], counts[3], last[0], last[1]);
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}

package io.cairn.engine.webhook.internal;

import io.cairn.connectors.webhook.SeenReceipts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The replay store of receipt reports, shared by every Cairn node through the database: the primary
 * key (webhook, SHA-256 of the report id or nonce) makes "first sighting" atomic, and an entry is
 * forgotten once it expires (the verifier's timestamp check refuses such reports anyway), so the
 * table stays as small as the reports of the last few minutes. Called in the transaction that
 * applies the report, so a report whose application failed can be sent again.
 */
@Component
public class DatabaseSeenReceipts {

  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

  DatabaseSeenReceipts(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The store of one webhook's reports. */
  public SeenReceipts forWebhook(long webhookId) {
    return (id, expiresAt) -> remember(webhookId, id, expiresAt);
  }

  private SeenReceipts.Sighting remember(long webhookId, String id, Instant expiresAt) {
    Instant now = clock.instant();
    purgeNowAndThen(now);
    String hash = sha256(id);
    try {
      jdbc.update(
          "INSERT INTO cairn_webhook_seen (webhook_id, id_hash, expires_at) VALUES (?,?,?)",
          webhookId,
          hash,
          Timestamp.from(expiresAt));
      return SeenReceipts.Sighting.FIRST;
    } catch (DuplicateKeyException seen) {
      int revived =
          jdbc.update(
              "UPDATE cairn_webhook_seen SET expires_at = ?"
                  + " WHERE webhook_id = ? AND id_hash = ? AND expires_at <= ?",
              Timestamp.from(expiresAt),
              webhookId,
              hash,
              Timestamp.from(now));
      return revived > 0 ? SeenReceipts.Sighting.FIRST : SeenReceipts.Sighting.REPEAT;
    }
  }

  /** Forgets expired entries, at most once a minute per node. */
  private void purgeNowAndThen(Instant now) {
    Instant last = lastPurge.get();
    if (last.plus(PURGE_EVERY).isBefore(now) && lastPurge.compareAndSet(last, now)) {
      purgeExpired();
    }
  }

  /** Deletes every expired entry; returns how many. */
  public int purgeExpired() {
    return jdbc.update(
        "DELETE FROM cairn_webhook_seen WHERE expires_at <= ?", Timestamp.from(clock.instant()));
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}

package io.cairn.engine.sandbox.internal;

import io.cairn.connectors.sandbox.SandboxMessage;
import io.cairn.connectors.sandbox.SandboxOutbox;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores sandbox messages in {@code cairn_sandbox_message}; a key recorded again (a redelivered
 * batch) is ignored by the unique key, so each message is stored once.
 */
@Component
class JdbcSandboxOutbox implements SandboxOutbox {

  private final JdbcTemplate jdbc;

  static final int MAX_BODY = 8000;

  JdbcSandboxOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The sandbox shows what would be sent; beyond 8,000 characters a preview is enough. */
  private static String clip(String body) {
    return body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY - 1) + "…";
  }

  @Override
  public void record(List<SandboxMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    // INSERT IGNORE skips rows whose idempotency key is stored already, on H2 (MySQL mode) as on
    // MySQL/MariaDB, so a redelivered batch neither fails nor duplicates.
    jdbc.batchUpdate(
        "INSERT IGNORE INTO cairn_sandbox_message (connector_id, channel, idempotency_key,"
            + " recipient, subject, body, recorded_at) VALUES (?,?,?,?,?,?,?)",
        messages,
        messages.size(),
        (ps, m) -> {
          ps.setString(1, m.connectorId());
          ps.setString(2, m.channel().name());
          ps.setString(3, m.idempotencyKey());
          ps.setString(4, m.recipient());
          ps.setString(5, m.subject());
          ps.setString(6, clip(m.body()));
          ps.setTimestamp(7, Timestamp.from(m.recordedAt()));
        });
  }
}

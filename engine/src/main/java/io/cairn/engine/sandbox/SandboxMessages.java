package io.cairn.engine.sandbox;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Reads what the sandbox connectors recorded, newest first. Thread-safe. */
@Service
public class SandboxMessages {

  /** A page of recorded messages. */
  public record Page(List<SandboxMessage> items, long total, int page, int size) {}

  private final JdbcTemplate jdbc;

  SandboxMessages(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param channel only this channel, or null for all
   * @param recipient only this recipient, or null for all
   */
  public Page list(Channel channel, String recipient, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (channel != null) {
      where.append(" AND channel = ?");
      args.add(channel.name());
    }
    if (recipient != null && !recipient.isBlank()) {
      where.append(" AND recipient = ?");
      args.add(recipient);
    }
    long total =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_sandbox_message" + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) page * size);
    List<SandboxMessage> items =
        jdbc.query(
            "SELECT connector_id, channel, idempotency_key, recipient, subject, body, recorded_at"
                + " FROM cairn_sandbox_message"
                + where
                + " ORDER BY id DESC LIMIT ? OFFSET ?",
            SandboxMessages::row,
            pageArgs.toArray());
    return new Page(items, total, page, size);
  }

  private static SandboxMessage row(ResultSet rs, int i) throws SQLException {
    return new SandboxMessage(
        rs.getString(1),
        Channel.valueOf(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getTimestamp(7).toInstant());
  }
}

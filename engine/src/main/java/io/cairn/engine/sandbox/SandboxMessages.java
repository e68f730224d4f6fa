package io.cairn.engine.sandbox;

import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.sandbox.SandboxMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads what the sandbox connectors recorded (see {@code SandboxOutbox}), newest first.
 * Thread-safe; reads see every batch whose {@code record} call has returned.
 */
@Service
public class SandboxMessages {

  /**
   * A page of recorded messages.
   *
   * @param items the messages of this page, newest first
   * @param total how many messages match the query in all
   * @param page the zero-based page number asked for
   * @param size the page size asked for
   */
  public record Page(List<SandboxMessage> items, long total, int page, int size) {}

  private final JdbcTemplate jdbc;

  SandboxMessages(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The page of messages matching {@code query}, newest first. */
  public Page list(SandboxQuery query) {
    Filter f = Filter.of(query);
    long total = count(query);
    List<Object> args = new ArrayList<>(f.args);
    args.add(query.size());
    args.add((long) query.page() * query.size());
    List<SandboxMessage> items =
        jdbc.query(
            "SELECT connector_id, channel, idempotency_key, recipient, subject, body, recorded_at"
                + " FROM cairn_sandbox_message"
                + f.where
                + " ORDER BY id DESC LIMIT ? OFFSET ?",
            SandboxMessages::row,
            args.toArray());
    return new Page(items, total, query.page(), query.size());
  }

  /** How many messages match {@code query}'s filters (paging ignored). */
  public long count(SandboxQuery query) {
    Filter f = Filter.of(query);
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_sandbox_message" + f.where, Long.class, f.args.toArray());
  }

  /**
   * Shorthand for {@code list(new SandboxQuery(channel, recipient, null, page, size))}.
   *
   * @param channel only this channel, or null for all
   * @param recipient only this recipient, or null for all
   */
  public Page list(Channel channel, String recipient, int page, int size) {
    return list(new SandboxQuery(channel, recipient, null, page, size));
  }

  private record Filter(String where, List<Object> args) {
    static Filter of(SandboxQuery q) {
      StringBuilder where = new StringBuilder();
      List<Object> args = new ArrayList<>();
      if (q.channel() != null) {
        where.append(" AND channel = ?");
        args.add(q.channel().name());
      }
      if (q.recipient() != null && !q.recipient().isBlank()) {
        where.append(" AND recipient = ?");
        args.add(q.recipient());
      }
      if (q.idempotencyKeyPrefix() != null && !q.idempotencyKeyPrefix().isEmpty()) {
        where.append(" AND idempotency_key LIKE ? ESCAPE '!'");
        args.add(q.idempotencyKeyPrefix().replaceAll("([!%_])", "!$1") + "%");
      }
      return new Filter(where.isEmpty() ? "" : " WHERE" + where.substring(4), args);
    }
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

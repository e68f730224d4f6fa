package io.cairn.engine.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.webhook.SigningScheme;
import io.cairn.engine.webhook.ReceiptSettings;
import io.cairn.engine.webhook.ReceiptStatus;
import io.cairn.engine.webhook.WebhookParameter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** SQL of cairn_webhook and cairn_webhook_test_log. */
@Component
public class WebhookStore {

  /** Test logs kept per webhook. */
  public static final int TEST_LOGS_KEPT = 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, name, url, signing, secret_sealed, secret_hint, id_types, parameters, receipts_enabled,"
          + " receipt_window_h, receipt_statuses, timeout_s, enabled, created_at, updated_at";

  private final JdbcTemplate jdbc;

  WebhookStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts a webhook (its id is ignored) into a workspace and returns its id. */
  public long insert(long workspaceId, StoredWebhook w) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_webhook (name, url, signing, secret_sealed, secret_hint,"
                      + " id_types, parameters, receipts_enabled, receipt_window_h,"
                      + " receipt_statuses, timeout_s, enabled, created_at, updated_at,"
                      + " workspace_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          int i = bind(ps, w);
          ps.setTimestamp(i, Timestamp.from(w.createdAt()));
          ps.setTimestamp(i + 1, Timestamp.from(w.updatedAt()));
          ps.setLong(i + 2, workspaceId);
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  /** Rewrites every field but the id and creation time. */
  public void update(StoredWebhook w) {
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "UPDATE cairn_webhook SET name = ?, url = ?, signing = ?, secret_sealed = ?,"
                      + " secret_hint = ?, id_types = ?, parameters = ?, receipts_enabled = ?,"
                      + " receipt_window_h = ?, receipt_statuses = ?, timeout_s = ?, enabled = ?,"
                      + " updated_at = ? WHERE id = ?");
          int i = bind(ps, w);
          ps.setTimestamp(i, Timestamp.from(w.updatedAt()));
          ps.setLong(i + 1, w.id());
          return ps;
        });
  }

  private static int bind(PreparedStatement ps, StoredWebhook w) throws SQLException {
    ps.setString(1, w.name());
    ps.setString(2, w.url());
    ps.setString(3, w.signing().name());
    ps.setString(4, w.secretSealed());
    ps.setString(5, w.secretHint());
    ps.setString(
        6, w.idTypes().stream().sorted().map(IdType::code).collect(Collectors.joining(",")));
    ps.setString(7, json(w.parameters()));
    ps.setBoolean(8, w.receipts().enabled());
    ps.setInt(9, w.receipts().windowHours());
    ps.setString(10, json(w.receipts().statuses()));
    ps.setInt(11, w.timeoutSeconds());
    ps.setBoolean(12, w.enabled());
    return 13;
  }

  public Optional<StoredWebhook> find(long id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM cairn_webhook WHERE id = ?", WebhookStore::row, id)
        .stream()
        .findFirst();
  }

  public Optional<StoredWebhook> findByName(String name) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM cairn_webhook WHERE name = ?", WebhookStore::row, name)
        .stream()
        .findFirst();
  }

  public List<StoredWebhook> list(long workspaceId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM cairn_webhook WHERE workspace_id = ? ORDER BY id",
        WebhookStore::row,
        workspaceId);
  }

  public boolean delete(long id) {
    jdbc.update("DELETE FROM cairn_webhook_test_log WHERE webhook_id = ?", id);
    jdbc.update("DELETE FROM cairn_webhook_seen WHERE webhook_id = ?", id);
    return jdbc.update("DELETE FROM cairn_webhook WHERE id = ?", id) > 0;
  }

  /** Stores a test log and forgets all but the newest {@link #TEST_LOGS_KEPT} of the webhook. */
  public void addTestLog(long webhookId, Instant at, String outcome, String log) {
    jdbc.update(
        "INSERT INTO cairn_webhook_test_log (webhook_id, created_at, outcome, log)"
            + " VALUES (?,?,?,?)",
        webhookId,
        Timestamp.from(at),
        outcome,
        log);
    List<Long> old =
        jdbc.queryForList(
            "SELECT id FROM cairn_webhook_test_log WHERE webhook_id = ? ORDER BY id DESC"
                + " LIMIT 1000 OFFSET "
                + TEST_LOGS_KEPT,
            Long.class,
            webhookId);
    for (Long id : old) {
      jdbc.update("DELETE FROM cairn_webhook_test_log WHERE id = ?", id);
    }
  }

  /** The kept test logs of a webhook, newest first. */
  public List<String> testLogs(long webhookId) {
    return jdbc.queryForList(
        "SELECT log FROM cairn_webhook_test_log WHERE webhook_id = ? ORDER BY id DESC",
        String.class,
        webhookId);
  }

  private static StoredWebhook row(ResultSet rs, int i) throws SQLException {
    Set<IdType> idTypes = EnumSet.noneOf(IdType.class);
    Arrays.stream(rs.getString(7).split(","))
        .filter(s -> !s.isBlank())
        .forEach(s -> idTypes.add(IdType.fromCode(s)));
    return new StoredWebhook(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        SigningScheme.valueOf(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        idTypes,
        read(rs.getString(8), new TypeReference<List<WebhookParameter>>() {}),
        new ReceiptSettings(
            rs.getBoolean(9),
            rs.getInt(10),
            read(rs.getString(11), new TypeReference<List<ReceiptStatus>>() {})),
        rs.getInt(12),
        rs.getBoolean(13),
        rs.getTimestamp(14).toInstant(),
        rs.getTimestamp(15).toInstant());
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored webhook column is unreadable", e);
    }
  }
}

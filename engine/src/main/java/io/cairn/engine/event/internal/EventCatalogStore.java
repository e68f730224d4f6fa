package io.cairn.engine.event.internal;

import io.cairn.engine.event.AttributeType;
import io.cairn.engine.event.EventAttribute;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Event types and sources in the database, with the read caches ingestion needs (it looks both up
 * for every item). Cached entries expire after {@link #TTL_MILLIS}, so changes made on another
 * node are seen within that time; changes made here are seen at once.
 */
@Component
public class EventCatalogStore {

  private static final long TTL_MILLIS = 30_000;

  private record Cached<T>(Optional<T> value, long at) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Map<String, Cached<EventType>> types = new ConcurrentHashMap<>();
  private final Map<String, Cached<EventSource>> byKeyHash = new ConcurrentHashMap<>();

  EventCatalogStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  public List<EventType> types() {
    List<String> codes = jdbc.queryForList("SELECT code FROM cairn_event_type ORDER BY code", String.class);
    List<EventType> out = new ArrayList<>();
    codes.forEach(c -> readType(c).ifPresent(out::add));
    return out;
  }

  /** The type by code, cached. */
  public Optional<EventType> type(String code) {
    if (code == null) {
      return Optional.empty();
    }
    Cached<EventType> c = types.get(code);
    long now = System.currentTimeMillis();
    if (c == null || now - c.at() > TTL_MILLIS) {
      c = new Cached<>(readType(code), now);
      types.put(code, c);
    }
    return c.value();
  }

  /** The type read again when it is cached without the attribute (added on another node). */
  public Optional<EventType> typeWithAttribute(String code, String attribute) {
    types.remove(code);
    return type(code).filter(t -> t.attributes().stream().anyMatch(a -> a.name().equals(attribute)));
  }

  private Optional<EventType> readType(String code) {
    List<EventAttribute> attributes =
        jdbc.query(
            "SELECT name, display_name, type FROM cairn_event_attribute WHERE event_code = ? ORDER BY position",
            (rs, i) -> new EventAttribute(rs.getString(1), rs.getString(2), AttributeType.valueOf(rs.getString(3))),
            code);
    return jdbc
        .query(
            "SELECT code, name, description, created_at FROM cairn_event_type WHERE code = ?",
            (rs, i) ->
                new EventType(rs.getString(1), rs.getString(2), rs.getString(3), List.copyOf(attributes),
                    rs.getTimestamp(4).toInstant()),
            code)
        .stream()
        .findFirst();
  }

  public void insertType(String code, String name, String description, List<EventAttribute> attributes) {
    tx.executeWithoutResult(
        s -> {
          jdbc.update("INSERT INTO cairn_event_type (code, name, description, created_at) VALUES (?,?,?,?)",
              code, name, description, Timestamp.from(clock.instant()));
          writeAttributes(code, attributes);
        });
    types.remove(code);
  }

  public void updateType(String code, String name, String description, List<EventAttribute> attributes) {
    tx.executeWithoutResult(
        s -> {
          jdbc.update("UPDATE cairn_event_type SET name = ?, description = ? WHERE code = ?", name, description, code);
          jdbc.update("DELETE FROM cairn_event_attribute WHERE event_code = ?", code);
          writeAttributes(code, attributes);
        });
    types.remove(code);
  }

  public void deleteType(String code) {
    tx.executeWithoutResult(
        s -> {
          jdbc.update("DELETE FROM cairn_event_attribute WHERE event_code = ?", code);
          jdbc.update("DELETE FROM cairn_event_type WHERE code = ?", code);
        });
    types.remove(code);
  }

  private void writeAttributes(String code, List<EventAttribute> attributes) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < attributes.size(); i++) {
      EventAttribute a = attributes.get(i);
      rows.add(new Object[] {code, a.name(), a.displayName(), a.type().name(), i});
    }
    jdbc.batchUpdate(
        "INSERT INTO cairn_event_attribute (event_code, name, display_name, type, position) VALUES (?,?,?,?,?)",
        rows);
  }

  private static final String SOURCE_COLUMNS = "code, name, channel, app_key, write_key_hint, created_at";

  private static EventSource source(ResultSet rs, int i) throws SQLException {
    return new EventSource(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getTimestamp(6).toInstant());
  }

  public List<EventSource> sources() {
    return jdbc.query("SELECT " + SOURCE_COLUMNS + " FROM cairn_event_source ORDER BY code", EventCatalogStore::source);
  }

  public Optional<EventSource> source(String code) {
    return jdbc.query("SELECT " + SOURCE_COLUMNS + " FROM cairn_event_source WHERE code = ?",
        EventCatalogStore::source, code).stream().findFirst();
  }

  /** The source of a write key, cached by the key's hash. */
  public Optional<EventSource> sourceByKey(String key) {
    String hash = WriteKeys.hash(key);
    Cached<EventSource> c = byKeyHash.get(hash);
    long now = System.currentTimeMillis();
    if (c == null || now - c.at() > TTL_MILLIS) {
      Optional<EventSource> s =
          jdbc.query("SELECT " + SOURCE_COLUMNS + " FROM cairn_event_source WHERE write_key_hash = ?",
              EventCatalogStore::source, hash).stream().findFirst();
      c = new Cached<>(s, now);
      byKeyHash.put(hash, c);
    }
    return c.value();
  }

  public void insertSource(String code, String name, String channel, String appKey, String key) {
    jdbc.update(
        "INSERT INTO cairn_event_source (code, name, channel, app_key, write_key_hash, write_key_hint, created_at)"
            + " VALUES (?,?,?,?,?,?,?)",
        code, name, channel, appKey, WriteKeys.hash(key), WriteKeys.hint(key), Timestamp.from(clock.instant()));
  }

  public void updateSource(String code, String name, String channel, String appKey) {
    jdbc.update("UPDATE cairn_event_source SET name = ?, channel = ?, app_key = ? WHERE code = ?",
        name, channel, appKey, code);
    byKeyHash.clear();
  }

  public void replaceKey(String code, String key) {
    jdbc.update("UPDATE cairn_event_source SET write_key_hash = ?, write_key_hint = ? WHERE code = ?",
        WriteKeys.hash(key), WriteKeys.hint(key), code);
    byKeyHash.clear();
  }

  public void deleteSource(String code) {
    jdbc.update("DELETE FROM cairn_event_source WHERE code = ?", code);
    byKeyHash.clear();
  }
}

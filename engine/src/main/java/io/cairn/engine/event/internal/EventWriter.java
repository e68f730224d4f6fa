package io.cairn.engine.event.internal;

import io.cairn.engine.profile.EntityRegistry;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores validated events in the caller's transaction: skips those whose client id the source
 * sent before, creates unknown users, writes events and attribute values, and adds to the daily
 * counts. Returns the indexes of the items it stored.
 */
@Component
class EventWriter {

  static final String ENTITY_TYPE = "user";

  private final JdbcTemplate jdbc;
  private final EntityRegistry entities;

  EventWriter(JdbcTemplate jdbc, EntityRegistry entities) {
    this.jdbc = jdbc;
    this.entities = entities;
  }

  /** Writes the new ones among {@code events}; the others' client ids were stored before. */
  Set<Integer> write(String source, List<ValidEvent> events, long receivedAt) {
    List<ValidEvent> fresh = withoutDuplicates(source, events);
    if (fresh.isEmpty()) {
      return Set.of();
    }
    Set<String> customers = new java.util.LinkedHashSet<>();
    fresh.forEach(e -> customers.add(e.customerId()));
    Map<String, Integer> ids = entities.ensure(ENTITY_TYPE, customers);
    long[] keys = insertEvents(source, fresh, ids, receivedAt);
    insertAttributes(fresh, keys);
    addDailyCounts(source, fresh, ids);
    Set<Integer> stored = new HashSet<>();
    fresh.forEach(e -> stored.add(e.index()));
    return stored;
  }

  /** Drops repeats within the batch and client ids stored earlier. */
  private List<ValidEvent> withoutDuplicates(String source, List<ValidEvent> events) {
    Set<String> clientIds = new HashSet<>();
    List<ValidEvent> unique = new ArrayList<>();
    for (ValidEvent e : events) {
      if (e.clientId() == null || clientIds.add(e.clientId())) {
        unique.add(e);
      }
    }
    if (clientIds.isEmpty()) {
      return unique;
    }
    List<Object> args = new ArrayList<>();
    args.add(source);
    args.addAll(clientIds);
    Set<String> stored = new HashSet<>(jdbc.queryForList(
        "SELECT client_id FROM cairn_event WHERE source_code = ? AND client_id IN ("
            + String.join(",", Collections.nCopies(clientIds.size(), "?")) + ")",
        String.class, args.toArray()));
    unique.removeIf(e -> e.clientId() != null && stored.contains(e.clientId()));
    return unique;
  }

  private long[] insertEvents(String source, List<ValidEvent> events, Map<String, Integer> ids, long receivedAt) {
    return jdbc.execute(
        con -> con.prepareStatement(
            "INSERT INTO cairn_event (source_code, event_code, entity_id, event_time, event_day, received_at, client_id)"
                + " VALUES (?,?,?,?,?,?,?)",
            Statement.RETURN_GENERATED_KEYS),
        (PreparedStatement ps) -> {
          for (ValidEvent e : events) {
            ps.setString(1, source);
            ps.setString(2, e.eventCode());
            ps.setInt(3, ids.get(e.customerId()));
            ps.setLong(4, e.eventTime());
            ps.setDate(5, Date.valueOf(e.day()));
            ps.setLong(6, receivedAt);
            ps.setString(7, e.clientId());
            ps.addBatch();
          }
          ps.executeBatch();
          long[] keys = new long[events.size()];
          try (ResultSet rs = ps.getGeneratedKeys()) {
            for (int i = 0; i < keys.length; i++) {
              if (!rs.next()) {
                throw new IllegalStateException("the driver returned " + i + " keys for " + keys.length + " rows");
              }
              keys[i] = rs.getLong(1);
            }
          }
          return keys;
        });
  }

  private void insertAttributes(List<ValidEvent> events, long[] keys) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      for (ValidEvent.Value v : events.get(i).attributes()) {
        rows.add(new Object[] {keys[i], v.name(), v.text(), v.number()});
      }
    }
    if (!rows.isEmpty()) {
      jdbc.batchUpdate("INSERT INTO cairn_event_attr (event_id, name, v_text, v_num) VALUES (?,?,?,?)", rows);
    }
  }

  /**
   * One upsert per (event, day, user) in key order: concurrent batches lock shared rows in the same
   * order, so they wait for each other instead of deadlocking.
   */
  private void addDailyCounts(String source, List<ValidEvent> events, Map<String, Integer> ids) {
    record Key(String code, java.time.LocalDate day, int entity) implements Comparable<Key> {
      public int compareTo(Key o) {
        int c = code.compareTo(o.code);
        c = c != 0 ? c : day.compareTo(o.day);
        return c != 0 ? c : Integer.compare(entity, o.entity);
      }
    }
    Map<Key, Integer> counts = new TreeMap<>();
    events.forEach(e -> counts.merge(new Key(e.eventCode(), e.day(), ids.get(e.customerId())), 1, Integer::sum));
    List<Object[]> rows = new ArrayList<>(counts.size());
    counts.forEach((k, n) -> rows.add(new Object[] {k.code(), Date.valueOf(k.day()), k.entity(), source, n}));
    jdbc.batchUpdate(
        "INSERT INTO cairn_event_daily (event_code, event_day, entity_id, source_code, cnt) VALUES (?,?,?,?,?)"
            + " ON DUPLICATE KEY UPDATE cnt = cnt + VALUES(cnt)",
        rows);
  }
}

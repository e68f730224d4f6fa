package io.cairn.engine.event.internal;

import io.cairn.engine.event.StoredAttributes;
import io.cairn.engine.event.StoredEvent;
import io.cairn.engine.event.StoredEventsListener;
import io.cairn.engine.profile.EntityRegistry;
import java.sql.Date;
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
 * sent before, creates unknown users, writes the events (one row each, attribute values included:
 * see {@link StoredAttributes}), and adds to the daily counts. Returns the indexes of the items it
 * stored.
 */
@Component
class EventWriter {

  static final String ENTITY_TYPE = "user";

  private final JdbcTemplate jdbc;
  private final EntityRegistry entities;
  private final EventIds eventIds;
  private final List<StoredEventsListener> listeners;
  private volatile Boolean mysql;

  EventWriter(
      JdbcTemplate jdbc,
      EntityRegistry entities,
      EventIds eventIds,
      List<StoredEventsListener> listeners) {
    this.jdbc = jdbc;
    this.entities = entities;
    this.eventIds = eventIds;
    this.listeners = List.copyOf(listeners);
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
    insertEvents(source, fresh, ids, receivedAt);
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

  private void insertEvents(String source, List<ValidEvent> events, Map<String, Integer> ids, long receivedAt) {
    long[] keys = eventIds.take(events.size());
    List<Object[]> rows = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      ValidEvent e = events.get(i);
      rows.add(new Object[] {keys[i], source, e.eventCode(), ids.get(e.customerId()), e.eventTime(),
          Date.valueOf(e.day()), receivedAt, e.clientId(), StoredAttributes.encode(e.attributes())});
    }
    jdbc.batchUpdate(
        "INSERT INTO cairn_event (id, source_code, event_code, entity_id, event_time, event_day, received_at,"
            + " client_id, attrs) VALUES (?,?,?,?,?,?,?,?,?)",
        rows);
    if (!listeners.isEmpty()) {
      List<StoredEvent> stored = new ArrayList<>(rows.size());
      for (Object[] r : rows) {
        stored.add(new StoredEvent((Long) r[0], source, (String) r[2], (Integer) r[3], (Long) r[4],
            receivedAt, (String) r[8]));
      }
      listeners.forEach(l -> l.stored(stored));
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
    counts.forEach((k, n) -> rows.add(new Object[] {n, k.code(), Date.valueOf(k.day()), k.entity(), source}));
    if (mysql()) {
      jdbc.batchUpdate(
          "INSERT INTO cairn_event_daily (cnt, event_code, event_day, entity_id, source_code) VALUES (?,?,?,?,?)"
              + " ON DUPLICATE KEY UPDATE cnt = cnt + VALUES(cnt)",
          rows);
      return;
    }
    // H2 runs ON DUPLICATE KEY as insert, duplicate-key exception, rollback to a savepoint and a
    // freshly parsed UPDATE, per row (most of the ingestion time in an ING-1 profile): update first,
    // insert the rest.
    // A concurrent insert of the same new row fails with a duplicate key: the batch is retried.
    int[] updated = jdbc.batchUpdate(
        "UPDATE cairn_event_daily SET cnt = cnt + ? WHERE event_code = ? AND event_day = ? AND entity_id = ?"
            + " AND source_code = ?",
        rows);
    List<Object[]> fresh = new ArrayList<>();
    for (int i = 0; i < updated.length; i++) {
      if (updated[i] == 0) {
        fresh.add(rows.get(i));
      }
    }
    if (!fresh.isEmpty()) {
      jdbc.batchUpdate(
          "INSERT INTO cairn_event_daily (cnt, event_code, event_day, entity_id, source_code) VALUES (?,?,?,?,?)",
          fresh);
    }
  }

  private boolean mysql() {
    if (mysql == null) {
      mysql = jdbc.execute((java.sql.Connection c) -> {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        return product.contains("mysql") || product.contains("mariadb");
      });
    }
    return mysql;
  }
}

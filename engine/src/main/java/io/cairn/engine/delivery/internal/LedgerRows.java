package io.cairn.engine.delivery.internal;

import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.ActionStats;
import io.cairn.engine.delivery.DeliveryStatus;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roaringbitmap.PeekableIntIterator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** SQL of the ledger tables: action executions and their per-recipient rows. */
@Component
public class LedgerRows {

  /** Status of an action execution with rows still to deliver. */
  public static final String ACTIVE = "DISPATCHING";
  static final String DONE = "DONE";

  /** Start of the reason of a row whose retries ran out: such rows make an incident. */
  public static final String EXHAUSTED = "retries exhausted after ";

  /** SQL condition on {@code cairn_delivery}: the row's retries ran out (an incident's rows). */
  public static final String EXHAUSTED_ROW = "status = 'FAILED' AND reason LIKE '" + EXHAUSTED + "%'";
  private static final int INSERT_BATCH = 5_000;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  LedgerRows(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Inserts the action execution and one PENDING row per recipient. */
  public long insertAction(ActionRequest r, String connectorId) {
    Timestamp now = Timestamp.from(clock.instant());
    long recipients = r.recipients().getLongCardinality();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_action_execution (journey_id, run_id, element_id,"
                      + " activity_instance_id, channel, connector_id, entity_type, settings,"
                      + " recipients, status, created_at, finished_at)"
                      + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setLong(1, r.journeyId());
          ps.setLong(2, r.runId());
          ps.setString(3, r.elementId());
          ps.setString(4, r.activityInstanceId());
          ps.setString(5, r.channel().name());
          ps.setString(6, connectorId);
          ps.setString(7, r.entityType());
          ps.setString(8, SettingsBinder.toJson(r.settings()));
          ps.setLong(9, recipients);
          ps.setString(10, recipients == 0 ? DONE : ACTIVE);
          ps.setTimestamp(11, now);
          ps.setTimestamp(12, recipients == 0 ? now : null);
          return ps;
        },
        key);
    long actionId = key.getKey().longValue();
    insertRecipients(actionId, r.recipients().getIntIterator(), now);
    return actionId;
  }

  private void insertRecipients(long actionId, PeekableIntIterator ids, Timestamp now) {
    int[] chunk = new int[INSERT_BATCH];
    while (ids.hasNext()) {
      int n = 0;
      while (n < chunk.length && ids.hasNext()) {
        chunk[n++] = ids.next();
      }
      int size = n;
      jdbc.batchUpdate(
          "INSERT INTO cairn_delivery (action_id, entity_id, status, attempts, updated_at)"
              + " VALUES (?,?,'PENDING',0,?)",
          new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws java.sql.SQLException {
              ps.setLong(1, actionId);
              ps.setInt(2, chunk[i]);
              ps.setTimestamp(3, now);
            }

            @Override
            public int getBatchSize() {
              return size;
            }
          });
    }
  }

  public List<ActionStats> stats(long runId) {
    Map<Long, long[]> counts = new LinkedHashMap<>();
    Map<Long, String[]> meta = new LinkedHashMap<>();
    jdbc.query(
        "SELECT id, element_id, channel, connector_id FROM cairn_action_execution"
            + " WHERE run_id = ? ORDER BY id",
        rs -> {
          meta.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
          counts.put(rs.getLong(1), new long[DeliveryStatus.values().length]);
        },
        runId);
    jdbc.query(
        "SELECT d.action_id, d.status, COUNT(*) FROM cairn_delivery d"
            + " JOIN cairn_action_execution a ON a.id = d.action_id"
            + " WHERE a.run_id = ? GROUP BY d.action_id, d.status",
        rs -> {
          counts.get(rs.getLong(1))[DeliveryStatus.valueOf(rs.getString(2)).ordinal()] +=
              rs.getLong(3);
        },
        runId);
    // rows that retention deleted were counted here first: summary + remaining rows = all rows
    jdbc.query(
        "SELECT o.action_id, o.status, o.recipients FROM cairn_action_outcome o"
            + " JOIN cairn_action_execution a ON a.id = o.action_id WHERE a.run_id = ?",
        rs -> {
          counts.get(rs.getLong(1))[DeliveryStatus.valueOf(rs.getString(2)).ordinal()] +=
              rs.getLong(3);
        },
        runId);
    List<ActionStats> out = new ArrayList<>();
    counts.forEach(
        (id, c) -> {
          String[] m = meta.get(id);
          long total = 0;
          for (long v : c) {
            total += v;
          }
          out.add(
              new ActionStats(
                  id,
                  m[0],
                  m[1],
                  m[2],
                  total,
                  c[DeliveryStatus.SENT.ordinal()]
                      + c[DeliveryStatus.DELIVERED.ordinal()]
                      + c[DeliveryStatus.NO_FEEDBACK.ordinal()],
                  c[DeliveryStatus.DELIVERED.ordinal()],
                  c[DeliveryStatus.NO_FEEDBACK.ordinal()],
                  c[DeliveryStatus.FAILED.ordinal()],
                  c[DeliveryStatus.SKIPPED.ordinal()],
                  c[DeliveryStatus.SUPPRESSED.ordinal()],
                  c[DeliveryStatus.AMBIGUOUS.ordinal()],
                  c[DeliveryStatus.PENDING.ordinal()] + c[DeliveryStatus.IN_FLIGHT.ordinal()]));
        });
    return out;
  }

  public int unsettledActions(long runId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_action_execution WHERE run_id = ? AND status <> ?",
        Integer.class,
        runId,
        DONE);
  }

  List<Long> activeActions() {
    return jdbc.queryForList(
        "SELECT id FROM cairn_action_execution WHERE status = ? ORDER BY id", Long.class, ACTIVE);
  }

  /** Shared executions of event journeys ({@link SharedActions#OPEN}) with rows due now. */
  List<Long> openActionsWithDueRows() {
    return jdbc.queryForList(
        "SELECT a.id FROM cairn_action_execution a WHERE a.status = ? AND EXISTS (SELECT 1 FROM"
            + " cairn_delivery d WHERE d.action_id = a.id AND d.status = 'PENDING'"
            + " AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)) ORDER BY a.id",
        Long.class,
        SharedActions.OPEN,
        Timestamp.from(clock.instant()));
  }

  /** A recorded action execution, as the dispatcher needs it. */
  record Action(long id, String connectorId, String entityType, Map<String, String> settings) {}

  Action action(long id) {
    return jdbc.queryForObject(
        "SELECT id, connector_id, entity_type, settings FROM cairn_action_execution WHERE id = ?",
        (rs, i) ->
            new Action(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                SettingsBinder.fromJson(rs.getString(4))),
        id);
  }

  /** A row taken for delivery; {@code attempts} counts the attempt being made. */
  record Claimed(int entityId, int attempts) {}

  /**
   * A recipient's new state after a delivery attempt.
   *
   * @param deferred the send policies postponed it (quiet hours, a cap with DEFER): the claim's
   *     attempt is given back
   */
  record Result(
      int entityId,
      DeliveryStatus status,
      String recipient,
      String reason,
      String providerRef,
      Instant nextAttemptAt,
      boolean deferred) {}

  /** An action execution's channel and node settings, if it exists. */
  public Optional<Owner> owner(long actionId) {
    return jdbc
        .query(
            "SELECT channel, settings FROM cairn_action_execution WHERE id = ?",
            (rs, i) -> new Owner(rs.getString(1), SettingsBinder.fromJson(rs.getString(2))),
            actionId)
        .stream()
        .findFirst();
  }

  /** The entity type of an action execution's recipients, if it exists. */
  public Optional<String> entityType(long actionId) {
    return jdbc
        .queryForList(
            "SELECT entity_type FROM cairn_action_execution WHERE id = ?", String.class, actionId)
        .stream()
        .findFirst();
  }

  /** Who an action execution delivers through. */
  public record Owner(String channel, Map<String, String> settings) {}

  /**
   * Settles a row by a receipt: DELIVERED, or FAILED with the receipt's reason. Only a row that may
   * have reached the receiver and has no receipt yet moves (NO_FEEDBACK included: a receipt later
   * than the feedback window is still the better answer); returns whether it did.
   */
  public boolean settleByReceipt(
      long actionId, int entityId, boolean delivered, String reason, String status, Instant at) {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.update(
            "UPDATE cairn_delivery SET status = ?, reason = "
                + (delivered ? "reason" : "?")
                + ", receipt_status = ?, receipt_at = ?, next_attempt_at = NULL, updated_at = ?"
                + " WHERE action_id = ? AND entity_id = ? AND receipt_at IS NULL"
                + " AND (status IN ('IN_FLIGHT','SENT','AMBIGUOUS','NO_FEEDBACK')"
                + " OR (status = 'PENDING' AND (attempts > 0 OR "
                + BatchLeases.IN_OPEN_LEASE
                + ")))",
            delivered
                ? new Object[] {
                  DeliveryStatus.DELIVERED.name(),
                  truncate(status, 64),
                  Timestamp.from(at),
                  now,
                  actionId,
                  entityId
                }
                : new Object[] {
                  DeliveryStatus.FAILED.name(),
                  truncate(reason, 512),
                  truncate(status, 64),
                  Timestamp.from(at),
                  now,
                  actionId,
                  entityId
                })
        > 0;
  }

  /** True when the action has a row for the entity. */
  public boolean hasRow(long actionId, int entityId) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_delivery WHERE action_id = ? AND entity_id = ?",
            Integer.class,
            actionId,
            entityId);
    return n != null && n > 0;
  }

  /** A ledger row joined with its action execution, for listings. */
  public record Listed(
      long actionId,
      long journeyId,
      long runId,
      String elementId,
      String channel,
      String entityType,
      int entityId,
      String status,
      String reason,
      String recipient,
      int attempts,
      Instant updatedAt) {}

  /**
   * Rows matching the filters (null = any), newest action first, then by entity; and their total.
   */
  public Map.Entry<List<Listed>, Long> list(
      Long journeyId, Long actionId, String status, String entityType, Integer entityId, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    filter(where, args, "a.journey_id", journeyId);
    filter(where, args, "d.action_id", actionId);
    filter(where, args, "d.status", status);
    if (entityId != null) {
      filter(where, args, "a.entity_type", entityType);
      filter(where, args, "d.entity_id", entityId);
    }
    String from = " FROM cairn_delivery d JOIN cairn_action_execution a ON a.id = d.action_id";
    Long total = jdbc.queryForObject("SELECT COUNT(*)" + from + where, Long.class, args.toArray());
    List<Object> paged = new ArrayList<>(args);
    paged.add(size);
    paged.add((long) page * size);
    List<Listed> rows =
        jdbc.query(
            "SELECT d.action_id, a.journey_id, a.run_id, a.element_id, a.channel, a.entity_type,"
                + " d.entity_id, d.status, d.reason, d.recipient, d.attempts, d.updated_at"
                + from
                + where
                + " ORDER BY d.action_id DESC, d.entity_id LIMIT ? OFFSET ?",
            (rs, i) ->
                new Listed(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getInt(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    rs.getInt(11),
                    rs.getTimestamp(12).toInstant()),
            paged.toArray());
    return Map.entry(rows, total == null ? 0 : total);
  }

  private static void filter(StringBuilder where, List<Object> args, String column, Object value) {
    if (value != null) {
      where.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  /**
   * Marks the action DONE when no row waits any more, and opens an incident when some of its
   * recipients ran out of retries; returns whether it did.
   */
  boolean finishIfSettled(long actionId) {
    Integer open =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_delivery WHERE action_id = ?"
                + " AND status IN ('PENDING','IN_FLIGHT')",
            Integer.class,
            actionId);
    if (open != null && open > 0) {
      return false;
    }
    Timestamp now = Timestamp.from(clock.instant());
    // The incident first: whoever sees the action DONE must also see its incident, and a crash in
    // between leaves the action active, so the next drain comes back here (openIncident never
    // opens a second one).
    openIncident(actionId, now);
    // A shared execution of an event journey stays OPEN while its run may add rows.
    return jdbc.update(
            "UPDATE cairn_action_execution SET status = ?, finished_at = ? WHERE id = ?"
                + " AND status <> ?",
            DONE,
            now,
            actionId,
            SharedActions.OPEN)
        > 0;
  }

  private void openIncident(long actionId, Timestamp now) {
    jdbc.query(
        "SELECT COUNT(*), MIN(reason) FROM cairn_delivery WHERE action_id = ? AND "
            + EXHAUSTED_ROW,
        rs -> {
          long exhausted = rs.getLong(1);
          Integer already =
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM cairn_delivery_incident WHERE action_id = ?"
                      + " AND replayed_at IS NULL",
                  Integer.class,
                  actionId);
          if (exhausted > 0 && already == 0) {
            jdbc.update(
                "INSERT INTO cairn_delivery_incident (action_id, recipients, reason, created_at)"
                    + " VALUES (?,?,?,?)",
                actionId,
                exhausted,
                truncate(rs.getString(2), 512),
                now);
          }
        },
        actionId);
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}

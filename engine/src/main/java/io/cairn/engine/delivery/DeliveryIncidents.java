package io.cairn.engine.delivery;

import io.cairn.engine.delivery.internal.LedgerRows;
import io.cairn.engine.delivery.internal.SharedActions;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents of the delivery ledger: recipients whose retries ran out. Replaying one puts those
 * recipients back in the queue with fresh attempts; the dispatcher picks them up at its next poll,
 * and the send policies (suppression lists, caps, quiet hours) are checked again. Rows that were
 * sent, refused or ambiguous are never replayed.
 */
@Service
public class DeliveryIncidents {

  private static final String SELECT =
      "SELECT i.id, i.action_id, a.journey_id, a.element_id, a.channel, i.recipients, i.reason,"
          + " i.created_at, i.replayed_at FROM cairn_delivery_incident i"
          + " JOIN cairn_action_execution a ON a.id = i.action_id";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  DeliveryIncidents(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Incidents, newest first; only open ones when {@code openOnly}; of one journey if given. */
  public List<DeliveryIncident> list(boolean openOnly, Long journeyId) {
    String where = " WHERE 1 = 1" + (openOnly ? " AND i.replayed_at IS NULL" : "");
    if (journeyId == null) {
      return jdbc.query(
          SELECT + where + " ORDER BY i.id DESC LIMIT 500", DeliveryIncidents::incident);
    }
    return jdbc.query(
        SELECT + where + " AND a.journey_id = ? ORDER BY i.id DESC LIMIT 500",
        DeliveryIncidents::incident,
        journeyId);
  }

  /**
   * Replays an open incident.
   *
   * @return the recipients put back in the queue
   * @throws NotFoundException when there is no such incident
   * @throws ConflictException when it was replayed already
   */
  @Transactional
  public int replay(long id) {
    List<DeliveryIncident> found = jdbc.query(SELECT + " WHERE i.id = ?", DeliveryIncidents::incident, id);
    if (found.isEmpty()) {
      throw new NotFoundException("incident", id);
    }
    Timestamp now = Timestamp.from(clock.instant());
    if (jdbc.update(
            "UPDATE cairn_delivery_incident SET replayed_at = ? WHERE id = ? AND replayed_at IS NULL",
            now,
            id)
        == 0) {
      throw new ConflictException("incident-replayed", "incident " + id + " was replayed already");
    }
    long action = found.get(0).actionId();
    int rows =
        jdbc.update(
            "UPDATE cairn_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = NULL,"
                + " reason = NULL, updated_at = ? WHERE action_id = ? AND "
                + LedgerRows.EXHAUSTED_ROW,
            now,
            action);
    if (rows > 0) {
      jdbc.update(
          // its rows will be SENT anew, so they get a feedback window of their own
          "UPDATE cairn_action_execution SET status = ?, finished_at = NULL,"
              + " feedback_closed = FALSE WHERE id = ? AND status <> ?",
          LedgerRows.ACTIVE,
          action,
          SharedActions.OPEN);
    }
    return rows;
  }

  private static DeliveryIncident incident(ResultSet rs, int i) throws SQLException {
    Timestamp replayed = rs.getTimestamp(9);
    return new DeliveryIncident(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rs.getLong(6),
        rs.getString(7),
        rs.getTimestamp(8).toInstant(),
        replayed == null ? null : replayed.toInstant());
  }
}

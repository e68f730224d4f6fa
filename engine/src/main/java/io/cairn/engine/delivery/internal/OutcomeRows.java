package io.cairn.engine.delivery.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** SQL behind segments made of ledger outcomes. */
@Component
public class OutcomeRows {

  // a million failed recipients are read in pages, never as one result set held by the driver
  private static final int PAGE = 50_000;

  private final JdbcTemplate jdbc;

  OutcomeRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** An action execution in a segment's scope; {@code purged} when its rows are gone. */
  public record Scoped(long id, String elementId, String entityType, boolean purged) {}

  /** One action execution, if it exists. */
  public List<Scoped> action(long actionId) {
    return jdbc.query(
        "SELECT id, element_id, entity_type, purged_at FROM cairn_action_execution WHERE id = ?",
        (rs, i) -> scoped(rs),
        actionId);
  }

  /** The action executions of a journey, of one node if {@code elementId} is not null. */
  public List<Scoped> actions(long journeyId, String elementId) {
    String sql =
        "SELECT id, element_id, entity_type, purged_at FROM cairn_action_execution"
            + " WHERE journey_id = ?";
    return elementId == null
        ? jdbc.query(sql + " ORDER BY id", (rs, i) -> scoped(rs), journeyId)
        : jdbc.query(
            sql + " AND element_id = ? ORDER BY id", (rs, i) -> scoped(rs), journeyId, elementId);
  }

  private static Scoped scoped(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Scoped(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4) != null);
  }

  /**
   * Adds the entities of an action's rows in one of {@code statuses} (and whose reason starts with
   * {@code reason}, if given) to {@code into}.
   */
  public void members(long actionId, List<String> statuses, String reason, RoaringBitmap into) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT entity_id FROM cairn_delivery WHERE action_id = ? AND entity_id > ?"
                + " AND status IN (");
    for (int i = 0; i < statuses.size(); i++) {
      sql.append(i == 0 ? "?" : ",?");
    }
    sql.append(')');
    if (reason != null) {
      // a prefix compared as text: no LIKE, so % and _ in the reason mean themselves
      sql.append(" AND LEFT(reason, ?) = ?");
    }
    sql.append(" ORDER BY action_id, entity_id LIMIT ").append(PAGE);
    int after = -1;
    while (true) {
      List<Object> args = new ArrayList<>();
      args.add(actionId);
      args.add(after);
      args.addAll(statuses);
      if (reason != null) {
        args.add(reason.length());
        args.add(reason);
      }
      List<Integer> page = jdbc.queryForList(sql.toString(), Integer.class, args.toArray());
      page.forEach(into::add);
      if (page.size() < PAGE) {
        return;
      }
      after = page.get(page.size() - 1);
    }
  }

  /** An action execution as a result branch reads it; {@code purged} when its rows are gone. */
  public record Executed(String channel, Map<String, String> settings, boolean purged) {}

  public Optional<Executed> executed(long actionId) {
    return jdbc
        .query(
            "SELECT channel, settings, purged_at FROM cairn_action_execution WHERE id = ?",
            (rs, i) ->
                new Executed(
                    rs.getString(1),
                    SettingsBinder.fromJson(rs.getString(2)),
                    rs.getTimestamp(3) != null),
            actionId)
        .stream()
        .findFirst();
  }

  /** Receives one ledger row: the entity and its status. */
  @FunctionalInterface
  public interface RowStatus {
    void accept(int entityId, String status);
  }

  /** Every row of an action, in entity order, read in pages. */
  public void byStatus(long actionId, RowStatus into) {
    int after = -1;
    while (true) {
      int[] last = {after};
      int[] n = {0};
      jdbc.query(
          "SELECT entity_id, status FROM cairn_delivery WHERE action_id = ? AND entity_id > ?"
              + " ORDER BY action_id, entity_id LIMIT " + PAGE,
          rs -> {
            last[0] = rs.getInt(1);
            n[0]++;
            into.accept(last[0], rs.getString(2));
          },
          actionId,
          after);
      if (n[0] < PAGE) {
        return;
      }
      after = last[0];
    }
  }
}

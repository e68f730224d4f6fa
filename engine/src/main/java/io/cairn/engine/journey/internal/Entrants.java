package io.cairn.engine.journey.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides whether a matching event makes its user enter an event journey, and records the entry,
 * under a lock on the user's {@code cairn_journey_entrant} row: two events of the same user (on
 * two threads or two nodes) are decided one after the other, so "once", "at most Y in X days" and
 * "at least N times" hold without read-then-write races. Runs in the entry worker's transaction,
 * which also starts the instance: an entry is recorded if and only if its instance starts.
 */
@Component
class Entrants {

  private final JdbcTemplate jdbc;

  Entrants(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Counts the event towards the user's entry; returns the user's entry number (from 1) when the
   * user enters now, empty when a limit or "at least N times" keeps them out.
   *
   * @param now the time of the decision, epoch ms (re-entry windows are counted back from it)
   */
  OptionalInt enter(long journeyId, int entityId, EntrySpec spec, long now) {
    Map<String, Object> row = lock(journeyId, entityId);
    int entries = ((Number) row.get("entries")).intValue();
    if (spec.once() && entries >= 1) {
      return OptionalInt.empty();
    }
    List<Long> pending = times((String) row.get("pending"), now - EntrySpec.AT_LEAST_WINDOW.toMillis());
    int atLeast = spec.filter().atLeast();
    if (atLeast > 1) {
      pending.add(now);
      if (pending.size() < atLeast) {
        update(journeyId, entityId, entries, (String) row.get("recent"), join(pending));
        return OptionalInt.empty();
      }
    }
    List<Long> recent = new ArrayList<>();
    if (!spec.once()) {
      recent = times((String) row.get("recent"), now - spec.window().toMillis());
      if (recent.size() >= spec.times()) {
        // keep counting towards "at least N": the user enters once the window lets them
        update(journeyId, entityId, entries, join(recent), join(pending));
        return OptionalInt.empty();
      }
      recent.add(now);
    }
    update(journeyId, entityId, entries + 1, join(recent), null);
    return OptionalInt.of(entries + 1);
  }

  private Map<String, Object> lock(long journeyId, int entityId) {
    String select =
        "SELECT entries, recent, pending FROM cairn_journey_entrant WHERE journey_id = ?"
            + " AND entity_id = ? FOR UPDATE";
    List<Map<String, Object>> rows = jdbc.queryForList(select, journeyId, entityId);
    if (!rows.isEmpty()) {
      return rows.get(0);
    }
    try {
      jdbc.update(
          "INSERT INTO cairn_journey_entrant (journey_id, entity_id, entries) VALUES (?,?,0)",
          journeyId,
          entityId);
    } catch (DuplicateKeyException insertedConcurrently) {
      // the other transaction committed its row (the insert waited for it): lock that one
    }
    return jdbc.queryForList(select, journeyId, entityId).get(0);
  }

  private void update(long journeyId, int entityId, int entries, String recent, String pending) {
    jdbc.update(
        "UPDATE cairn_journey_entrant SET entries = ?, recent = ?, pending = ? WHERE journey_id = ?"
            + " AND entity_id = ?",
        entries,
        recent,
        pending,
        journeyId,
        entityId);
  }

  /** The comma-separated epoch-ms times after {@code after}. */
  private static List<Long> times(String column, long after) {
    List<Long> out = new ArrayList<>();
    if (column == null || column.isBlank()) {
      return out;
    }
    for (String t : column.split(",")) {
      long v = Long.parseLong(t);
      if (v > after) {
        out.add(v);
      }
    }
    return out;
  }

  private static String join(List<Long> times) {
    return times.isEmpty()
        ? null
        : times.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}

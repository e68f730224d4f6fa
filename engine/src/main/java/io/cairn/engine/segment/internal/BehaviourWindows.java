package io.cairn.engine.segment.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.event.EventSources;
import io.cairn.engine.event.EventType;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.segment.EventBehaviour;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Behaviour over an exact window of time, for journeys: the attribute filters of behaviour rules
 * ({@link BehaviourParser#where}, {@link BehaviourSql#filter}), joined by AND or OR, on the raw
 * events of one code between two instants.
 */
@Component
public class BehaviourWindows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventTypes types;
  private final EventSources sources;
  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  BehaviourWindows(
      EventTypes types,
      EventSources sources,
      JdbcTemplate jdbc,
      @Value("${cairn.events.time-zone:UTC}") String zone) {
    this.types = types;
    this.sources = sources;
    this.jdbc = jdbc;
    this.zone = ZoneId.of(zone);
  }

  /** See {@link io.cairn.engine.segment.EventBehaviours#problems}. */
  public List<String> problems(EventBehaviour b) {
    List<String> problems = new ArrayList<>();
    parse(b, problems);
    return problems;
  }

  /** See {@link io.cairn.engine.segment.EventBehaviours#did}. */
  public RoaringBitmap did(EventBehaviour b, Instant from, Instant to) {
    List<String> problems = new ArrayList<>();
    List<Rule.AttributeFilter> filters = parse(b, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("behaviour " + b.eventCode() + ": " + problems);
    }
    List<Object> args = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT ev.entity_id FROM cairn_event ev WHERE ev.event_code = ?");
    args.add(b.eventCode());
    if (b.sourceCode() != null) {
      sql.append(" AND ev.source_code = ?");
      args.add(b.sourceCode());
    }
    // event_day first: it is what the (event_code, event_day, entity_id) index can range over; the
    // exact bounds are then checked on event_time
    sql.append(" AND ev.event_day BETWEEN ? AND ? AND ev.event_time BETWEEN ? AND ?");
    args.add(java.sql.Date.valueOf(LocalDate.ofInstant(from, zone)));
    args.add(java.sql.Date.valueOf(LocalDate.ofInstant(to, zone)));
    args.add(from.toEpochMilli());
    args.add(to.toEpochMilli());
    if (!filters.isEmpty()) {
      sql.append(" AND (")
          .append(
              filters.stream()
                  .map(BehaviourSql::filter)
                  .collect(Collectors.joining(b.anyOf() ? " OR " : " AND ")))
          .append(')');
    }
    sql.append(" GROUP BY ev.entity_id HAVING COUNT(*) >= ?");
    args.add(b.minCount());
    RoaringBitmap did = new RoaringBitmap();
    jdbc.query(sql.toString(), rs -> {
      did.add(rs.getInt(1));
    }, args.toArray());
    return did;
  }

  private List<Rule.AttributeFilter> parse(EventBehaviour b, List<String> problems) {
    EventType type = b.eventCode() == null ? null : types.find(b.eventCode()).orElse(null);
    if (type == null) {
      problems.add("event type '" + b.eventCode() + "' does not exist");
    }
    if (b.sourceCode() != null) {
      try {
        sources.get(b.sourceCode());
      } catch (NotFoundException e) {
        problems.add("event source '" + b.sourceCode() + "' does not exist");
      }
    }
    if (b.minCount() < 1) {
      problems.add("the event must be done at least once (minCount ≥ 1)");
    }
    JsonNode where = null;
    if (b.where() != null && !b.where().isBlank()) {
      try {
        where = JSON.readTree(b.where());
      } catch (Exception e) {
        problems.add("conditions must be a JSON array of {\"attr\", \"op\", \"values\"}");
        return List.of();
      }
    }
    if (type == null || where == null) {
      return List.of();
    }
    List<Violation> v = new ArrayList<>();
    List<Rule.AttributeFilter> filters = BehaviourParser.where(type, where, "conditions", v);
    v.forEach(x -> problems.add(x.field() + ": " + x.message()));
    return filters;
  }
}

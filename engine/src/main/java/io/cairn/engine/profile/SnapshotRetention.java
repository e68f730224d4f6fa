package io.cairn.engine.profile;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Deletes tag-value snapshots older than {@code cairn.profiles.retention-days} (default 90),
 * always keeping the newest snapshot of each tag, so that a tag imported once stays usable. Runs
 * ten minutes after start and then every 24 hours; purging is idempotent, so several nodes or
 * restarts only repeat work. Publishes one {@link SnapshotsPurged} per entity type that lost
 * snapshots. Thread-safe.
 */
@Service
public class SnapshotRetention {

  private static final Logger log = LoggerFactory.getLogger(SnapshotRetention.class);
  // Deleting a 10-million-row snapshot in one statement would hold one huge transaction (undo log
  // on MariaDB, memory on H2); bounded batches keep each commit small.
  private static final int DELETE_BATCH = 50_000;

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final int retentionDays;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cairn-snapshot-retention");
            t.setDaemon(true);
            return t;
          });

  SnapshotRetention(
      JdbcTemplate jdbc,
      ApplicationEventPublisher events,
      Clock clock,
      @Value("${cairn.profiles.retention-days:90}") int retentionDays) {
    if (retentionDays < 1) {
      throw new IllegalArgumentException(
          "cairn.profiles.retention-days must be at least 1, was " + retentionDays);
    }
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
    this.retentionDays = retentionDays;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    timer.scheduleAtFixedRate(this::tick, 10, 24 * 60, TimeUnit.MINUTES);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  private void tick() {
    try {
      purge();
    } catch (RuntimeException e) {
      log.error("purging old tag snapshots failed; retrying in 24 hours", e);
    }
  }

  /**
   * Deletes every snapshot dated before today (UTC, from the clock) minus the retention, except
   * the newest of its tag.
   *
   * @return what was deleted, one entry per entity type (also published as events)
   */
  public List<SnapshotsPurged> purge() {
    LocalDate cutoff = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(retentionDays);
    // entity type → tag → dates, ascending; one grouped scan of the value index
    Map<String, Map<String, List<LocalDate>>> dates = new TreeMap<>();
    jdbc.query(
        "SELECT entity_type, tag_code, snapshot_date FROM cairn_tag_value"
            + " GROUP BY entity_type, tag_code, snapshot_date ORDER BY snapshot_date",
        rs -> {
          dates
              .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
              .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
              .add(rs.getDate(3).toLocalDate());
        });
    List<SnapshotsPurged> purged = new ArrayList<>();
    dates.forEach(
        (entityType, byTag) -> {
          Map<String, List<LocalDate>> deleted = new TreeMap<>();
          byTag.forEach(
              (tag, days) -> {
                List<LocalDate> old =
                    days.subList(0, days.size() - 1).stream() // the newest always stays
                        .filter(d -> d.isBefore(cutoff))
                        .toList();
                old.forEach(d -> delete(entityType, tag, d));
                if (!old.isEmpty()) {
                  deleted.put(tag, old);
                }
              });
          if (!deleted.isEmpty()) {
            SnapshotsPurged event =
                new SnapshotsPurged(entityType, java.util.Collections.unmodifiableMap(deleted));
            log.info(
                "purged {} tag snapshots of {} older than {}",
                deleted.values().stream().mapToInt(List::size).sum(),
                entityType,
                cutoff);
            events.publishEvent(event);
            purged.add(event);
          }
        });
    return purged;
  }

  private void delete(String entityType, String tag, LocalDate day) {
    int n;
    do {
      n =
          jdbc.update(
              "DELETE FROM cairn_tag_value WHERE entity_type = ? AND tag_code = ?"
                  + " AND snapshot_date = ? LIMIT " + DELETE_BATCH,
              entityType,
              tag,
              Date.valueOf(day));
    } while (n == DELETE_BATCH);
  }
}

package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.MigrationPolicy;
import io.cairn.engine.journey.MigrationReport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** SQL of journey versions, the migrations applied between them and the runs they carry. */
@Component
public class VersionStore {

  /**
   * One stored version.
   *
   * @param policy null for version 1
   */
  public record StoredVersion(
      long journeyId,
      int version,
      String definitionId,
      String bpmn,
      MigrationPolicy policy,
      Instant publishedAt) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  VersionStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Versions of a journey, oldest first. A journey deployed without this store's knowledge (a first
   * deploy, a copy) gets its version 1 written from the journey row on first sight.
   */
  public List<StoredVersion> versions(long journeyId) {
    List<StoredVersion> found = query(journeyId);
    if (found.isEmpty()) {
      try {
        jdbc.update(
            "INSERT INTO cairn_journey_version (journey_id, version, definition_id, bpmn, policy,"
                + " published_at) SELECT id, 1, definition_id, bpmn, NULL, created_at"
                + " FROM cairn_journey WHERE id = ?",
            journeyId);
      } catch (DuplicateKeyException concurrentFirstSight) {
        // another request wrote the same version 1 first
      }
      found = query(journeyId);
    }
    return found;
  }

  private List<StoredVersion> query(long journeyId) {
    return jdbc.query(
        "SELECT journey_id, version, definition_id, bpmn, policy, published_at"
            + " FROM cairn_journey_version WHERE journey_id = ? ORDER BY version",
        VersionStore::version,
        journeyId);
  }

  /** The version a definition id is, if it is one of a journey's. */
  Optional<StoredVersion> byDefinition(String definitionId) {
    return jdbc.query(
            "SELECT journey_id, version, definition_id, bpmn, policy, published_at"
                + " FROM cairn_journey_version WHERE definition_id = ?",
            VersionStore::version,
            definitionId)
        .stream()
        .findFirst();
  }

  /** The journey a process definition belongs to, whether or not versions were written yet. */
  Optional<Long> journeyOfDefinition(String definitionId) {
    return jdbc.queryForList(
            "SELECT journey_id FROM cairn_journey_version WHERE definition_id = ?"
                + " UNION SELECT id FROM cairn_journey WHERE definition_id = ?",
            Long.class,
            definitionId,
            definitionId)
        .stream()
        .findFirst();
  }

  void insertVersion(
      long journeyId, int version, String definitionId, String bpmn, MigrationPolicy policy) {
    jdbc.update(
        "INSERT INTO cairn_journey_version (journey_id, version, definition_id, bpmn, policy,"
            + " published_at) VALUES (?,?,?,?,?,?)",
        journeyId,
        version,
        definitionId,
        bpmn,
        policy.name(),
        now());
  }

  /** Points the journey at its new current version: new runs and entries use it. */
  void makeCurrent(long journeyId, String definitionId, String bpmn, Long segmentId) {
    jdbc.update(
        "UPDATE cairn_journey SET definition_id = ?, bpmn = ?, entry_segment_id = ? WHERE id = ?",
        definitionId,
        bpmn,
        segmentId,
        journeyId);
  }

  /** The run of a cohort-mode process instance, if it is one. */
  Optional<Long> runOfInstance(String processInstanceId) {
    return jdbc.queryForList(
            "SELECT id FROM cairn_journey_run WHERE process_instance_id = ?",
            Long.class,
            processInstanceId)
        .stream()
        .findFirst();
  }

  /** The runs whose process instances moved now run on {@code definitionId}. */
  void moveRuns(Collection<String> processInstanceIds, String definitionId) {
    for (String pid : processInstanceIds) {
      jdbc.update(
          "UPDATE cairn_journey_run SET definition_id = ? WHERE process_instance_id = ?",
          definitionId,
          pid);
    }
  }

  /** Records an applied migration; returns its id. */
  long insertMigration(MigrationReport report, Instant appliedAt) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_journey_migration (journey_id, version, applied_at,"
                      + " moved_instances, moved_users, stayed_instances, stayed_users)"
                      + " VALUES (?,?,?,?,?,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setLong(1, report.journeyId());
          ps.setInt(2, report.version());
          ps.setTimestamp(3, Timestamp.from(appliedAt));
          ps.setLong(4, report.movingInstances());
          ps.setLong(5, report.movingUsers());
          ps.setLong(6, report.stayingInstances());
          ps.setLong(7, report.stayingUsers());
          return ps;
        },
        key);
    long id = key.getKey().longValue();
    jdbc.batchUpdate(
        "INSERT INTO cairn_journey_migration_move (migration_id, from_version, element_id,"
            + " target_element_id, instances, users, reason) VALUES (?,?,?,?,?,?,?)",
        report.moves(),
        500,
        (ps, m) -> {
          ps.setLong(1, id);
          ps.setInt(2, m.fromVersion());
          ps.setString(3, m.elementId());
          ps.setString(4, m.targetElementId());
          ps.setLong(5, m.instances());
          ps.setLong(6, m.users());
          ps.setString(7, m.reason());
        });
    return id;
  }

  /** Users moved into a version by its migrations so far, and when the last one was applied. */
  public record Applied(long movedUsers, Instant lastAppliedAt) {}

  public Applied applied(long journeyId, int version) {
    return jdbc.queryForObject(
        "SELECT COALESCE(SUM(moved_users), 0), MAX(applied_at) FROM cairn_journey_migration"
            + " WHERE journey_id = ? AND version = ?",
        (rs, i) -> {
          Timestamp last = rs.getTimestamp(2);
          return new Applied(rs.getLong(1), last == null ? null : last.toInstant());
        },
        journeyId,
        version);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static StoredVersion version(ResultSet rs, int i) throws SQLException {
    String policy = rs.getString("policy");
    return new StoredVersion(
        rs.getLong("journey_id"),
        rs.getInt("version"),
        rs.getString("definition_id"),
        rs.getString("bpmn"),
        policy == null ? null : MigrationPolicy.valueOf(policy),
        rs.getTimestamp("published_at").toInstant());
  }
}

package io.cairn.engine.profile;

import io.cairn.connectors.channel.IdType;
import io.cairn.engine.profile.internal.EntityIds;
import io.cairn.engine.profile.internal.LatestSnapshots;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads profiles by dense entity id, for a batch at a time (one query per call, not per id): what
 * the dispatcher needs to address and personalise messages. Thread-safe.
 */
@Service
public class ProfileReader {

  private final JdbcTemplate jdbc;
  private final LatestSnapshots snapshots;
  private final EntityIds entityIds;

  ProfileReader(JdbcTemplate jdbc, LatestSnapshots snapshots, EntityIds entityIds) {
    this.jdbc = jdbc;
    this.snapshots = snapshots;
    this.entityIds = entityIds;
  }

  /** The dense ids of those external ids that exist (others are absent from the map). */
  public Map<String, Integer> entityIds(String entityType, java.util.Collection<String> externalIds) {
    return entityIds.find(entityType, externalIds);
  }

  /**
   * Latest values of the given tags (one indexed query per tag): entity id → tag code → value. Multi-value tags are joined with
   * ", "; numbers are shown without a trailing ".0". Entities or tags without a value are absent.
   */
  public Map<Integer, Map<String, String>> tagValues(
      String entityType, int[] entityIds, Set<String> tagCodes) {
    Map<Integer, Map<String, String>> out = new HashMap<>();
    if (entityIds.length == 0 || tagCodes.isEmpty()) {
      return out;
    }
    IdRange range = IdRange.of(entityIds);
    for (String tag : tagCodes) {
      Optional<java.sql.Date> day = snapshots.of(entityType, tag);
      if (day.isEmpty()) {
        continue;
      }
      jdbc.query(
          "SELECT entity_id, v_text FROM cairn_tag_value WHERE entity_type = ? AND tag_code = ?"
              + " AND snapshot_date = ? AND entity_id BETWEEN ? AND ? ORDER BY entity_id, v_text",
          rs -> {
            if (range.contains(rs.getInt(1))) {
              out.computeIfAbsent(rs.getInt(1), k -> new LinkedHashMap<>())
                  .merge(tag, rs.getString(2), (a, b) -> a + ", " + b);
            }
          },
          entityType,
          tag,
          day.get(),
          range.min(),
          range.max());
    }
    return out;
  }

  /** The RAW address of the given type per entity; entities without one are absent. */
  public Map<Integer, String> identities(String entityType, int[] entityIds, IdType type) {
    Map<Integer, String> out = new HashMap<>();
    if (entityIds.length == 0) {
      return out;
    }
    IdRange range = IdRange.of(entityIds);
    jdbc.query(
        "SELECT entity_id, id_value FROM cairn_identity WHERE entity_type = ? AND id_type = ?"
            + " AND id_form = 'raw' AND entity_id BETWEEN ? AND ?",
        rs -> {
          if (range.contains(rs.getInt(1))) {
            out.put(rs.getInt(1), rs.getString(2));
          }
        },
        entityType,
        type.code(),
        range.min(),
        range.max());
    return out;
  }

  /** External ids per dense id. */
  public Map<Integer, String> externalIds(String entityType, int[] entityIds) {
    Map<Integer, String> out = new HashMap<>();
    if (entityIds.length == 0) {
      return out;
    }
    jdbc.query(
        "SELECT id, external_id FROM cairn_entity WHERE entity_type = ? AND id IN ("
            + ids(entityIds)
            + ")",
        rs -> {
          out.put(rs.getInt(1), rs.getString(2));
        },
        entityType);
    return out;
  }

  /** The dense id of an external id, if the entity exists. */
  public OptionalInt entityId(String entityType, String externalId) {
    List<Integer> id =
        jdbc.queryForList(
            "SELECT id FROM cairn_entity WHERE entity_type = ? AND external_id = ?",
            Integer.class,
            entityType,
            externalId);
    return id.isEmpty() ? OptionalInt.empty() : OptionalInt.of(id.get(0));
  }

  /** Number of entities of a type. */
  public long count(String entityType) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM cairn_entity WHERE entity_type = ?", Long.class, entityType);
  }

  // Entity ids are ints we produced, so inlining them is safe.
  private static String ids(int[] entityIds) {
    return java.util.Arrays.stream(entityIds).mapToObj(String::valueOf).collect(Collectors.joining(","));
  }

  /**
   * The ids of a batch as a range plus membership. Batches are runs of nearby ids (the dispatcher
   * walks a cohort in id order), so one range scan on the value index, filtered here, beats an IN
   * list, which H2 cannot combine with the index's leading columns.
   */
  private record IdRange(int min, int max, org.roaringbitmap.RoaringBitmap members) {
    static IdRange of(int[] ids) {
      org.roaringbitmap.RoaringBitmap b = org.roaringbitmap.RoaringBitmap.bitmapOf(ids);
      return new IdRange(b.first(), b.last(), b);
    }

    boolean contains(int id) {
      return members.contains(id);
    }
  }

  private static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }
}

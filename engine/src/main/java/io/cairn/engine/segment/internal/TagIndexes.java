package io.cairn.engine.segment.internal;

import io.cairn.engine.profile.ProfilesImported;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One {@link TagIndex} per entity type, built on first use from the latest snapshot of every tag
 * and dropped when an import of that type commits (the next evaluation rebuilds it).
 */
@Component
class TagIndexes {

  private final JdbcTemplate jdbc;
  private final Map<String, TagIndex> indexes = new ConcurrentHashMap<>();

  TagIndexes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  TagIndex get(String entityType) {
    return indexes.computeIfAbsent(entityType, this::load);
  }

  @EventListener
  void onImport(ProfilesImported event) {
    indexes.remove(event.entityType());
  }

  private TagIndex load(String entityType) {
    TagIndex.Builder builder = new TagIndex.Builder();
    jdbc.query(
        "SELECT v.tag_code, v.entity_id, v.v_text, v.v_num FROM cairn_tag_value v JOIN (SELECT"
            + " tag_code, MAX(snapshot_date) AS d FROM cairn_tag_value WHERE entity_type = ?"
            + " GROUP BY tag_code) latest ON latest.tag_code = v.tag_code AND latest.d ="
            + " v.snapshot_date WHERE v.entity_type = ?",
        rs -> {
          double num = rs.getDouble(4);
          builder.add(rs.getString(1), rs.getInt(2), rs.getString(3), rs.wasNull() ? null : num);
        },
        entityType,
        entityType);
    RoaringBitmap universe = new RoaringBitmap();
    jdbc.query(
        "SELECT id FROM cairn_entity WHERE entity_type = ?",
        rs -> {
          universe.add(rs.getInt(1));
        },
        entityType);
    return builder.build(universe);
  }
}

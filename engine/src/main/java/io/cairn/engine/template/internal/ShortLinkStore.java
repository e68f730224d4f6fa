package io.cairn.engine.template.internal;

import io.cairn.engine.template.ShortLink;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** SQL of cairn_short_link and cairn_short_link_click. */
@Component
public class ShortLinkStore {

  private static final String COLUMNS =
      "l.id, l.code, l.name, l.target_url, l.enabled, l.created_at,"
          + " (SELECT COUNT(*) FROM cairn_short_link_click c WHERE c.link_id = l.id),"
          + " (SELECT COUNT(DISTINCT CONCAT(c.entity_type, ':', c.entity_id))"
          + " FROM cairn_short_link_click c WHERE c.link_id = l.id)";

  private final JdbcTemplate jdbc;

  ShortLinkStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What a click needs of a link. */
  public record Target(long id, String url, boolean enabled) {}

  public Optional<Target> target(String code) {
    return jdbc.query(
            "SELECT id, target_url, enabled FROM cairn_short_link WHERE code = ?",
            (rs, i) -> new Target(rs.getLong(1), rs.getString(2), rs.getBoolean(3)),
            code)
        .stream()
        .findFirst();
  }

  boolean exists(String code) {
    Integer n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM cairn_short_link WHERE code = ?", Integer.class, code);
    return n != null && n > 0;
  }

  /** @throws org.springframework.dao.DuplicateKeyException when the code is taken */
  public void insert(String code, String name, String targetUrl, Instant now) {
    jdbc.update(
        "INSERT INTO cairn_short_link (code, name, target_url, enabled, created_at)"
            + " VALUES (?,?,?,?,?)",
        code,
        name,
        targetUrl,
        true,
        Timestamp.from(now));
  }

  public Optional<ShortLink> find(long id) {
    return jdbc.query(
            "SELECT " + COLUMNS + " FROM cairn_short_link l WHERE l.id = ?", ShortLinkStore::map, id)
        .stream()
        .findFirst();
  }

  public Optional<ShortLink> findByCode(String code) {
    return jdbc.query(
            "SELECT " + COLUMNS + " FROM cairn_short_link l WHERE l.code = ?",
            ShortLinkStore::map,
            code)
        .stream()
        .findFirst();
  }

  public ShortLink.Page list(int page, int size) {
    Long total = jdbc.queryForObject("SELECT COUNT(*) FROM cairn_short_link", Long.class);
    List<ShortLink> items =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM cairn_short_link l ORDER BY l.id DESC LIMIT ? OFFSET ?",
            ShortLinkStore::map,
            size,
            (long) page * size);
    return new ShortLink.Page(items, total == null ? 0 : total, page, size);
  }

  public void setEnabled(long id, boolean enabled) {
    jdbc.update("UPDATE cairn_short_link SET enabled = ? WHERE id = ?", enabled, id);
  }

  public void insertClick(long linkId, long actionId, String entityType, int entityId, Instant at) {
    jdbc.update(
        "INSERT INTO cairn_short_link_click (link_id, action_id, entity_type, entity_id,"
            + " clicked_at) VALUES (?,?,?,?,?)",
        linkId,
        actionId,
        entityType,
        entityId,
        Timestamp.from(at));
  }

  /** The entity type of an action execution's recipients, if the action exists. */
  public Optional<String> actionEntityType(long actionId) {
    return jdbc.queryForList(
            "SELECT entity_type FROM cairn_action_execution WHERE id = ?", String.class, actionId)
        .stream()
        .findFirst();
  }

  private static ShortLink map(ResultSet rs, int i) throws SQLException {
    return new ShortLink(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getBoolean(5),
        rs.getLong(7),
        rs.getLong(8),
        rs.getTimestamp(6).toInstant());
  }
}

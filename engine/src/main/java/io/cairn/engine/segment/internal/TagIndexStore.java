package io.cairn.engine.segment.internal;

import io.cairn.engine.profile.TagType;
import io.cairn.engine.segment.SegmentBitmaps;
import java.io.ByteArrayOutputStream;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The serialised tag index in the database: columns and the entity universe, in parts. */
@Component
class TagIndexStore {

  static final int PART = 4 << 20;

  /** A stored universe: the ids it holds and the first id it does not cover. */
  record Universe(RoaringBitmap ids, int coversBelow) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  TagIndexStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    // Columns are saved after an import committed, possibly while its caller's transaction is
    // still bound to the thread: our writes commit on their own.
    this.tx = new TransactionTemplate(tx.getTransactionManager());
    this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
  }

  /** Every stored column of the type, by tag and date. */
  Map<String, TreeMap<LocalDate, TagColumn>> loadColumns(String entityType) {
    Map<String, TreeMap<LocalDate, TagColumn>> out = new HashMap<>();
    PartJoiner joiner = new PartJoiner();
    String[] current = {null};
    LocalDate[] date = {null};
    jdbc.query(
        "SELECT tag_code, snapshot_date, bytes FROM cairn_tag_column WHERE entity_type = ?"
            + " ORDER BY tag_code, snapshot_date, part",
        rs -> {
          String tag = rs.getString(1);
          LocalDate d = rs.getDate(2).toLocalDate();
          if (!tag.equals(current[0]) || !d.equals(date[0])) {
            if (current[0] != null) {
              out.computeIfAbsent(current[0], k -> new TreeMap<>())
                  .put(date[0], TagColumns.deserialize(joiner.take()));
            }
            current[0] = tag;
            date[0] = d;
          }
          joiner.add(rs.getBytes(3));
        },
        entityType);
    if (current[0] != null) {
      out.computeIfAbsent(current[0], k -> new TreeMap<>())
          .put(date[0], TagColumns.deserialize(joiner.take()));
    }
    return out;
  }

  /** Deletes the stored columns of these dates (idempotent). */
  void deleteColumns(String entityType, String tag, java.util.List<LocalDate> dates) {
    java.util.List<Object[]> rows = new java.util.ArrayList<>();
    dates.forEach(d -> rows.add(new Object[] {entityType, tag, java.sql.Date.valueOf(d)}));
    jdbc.batchUpdate(
        "DELETE FROM cairn_tag_column WHERE entity_type = ? AND tag_code = ? AND snapshot_date = ?", rows);
  }

  void saveColumn(String entityType, String tag, LocalDate date, TagColumn column) {
    List<byte[]> parts = split(TagColumns.serialize(column));
    tx.executeWithoutResult(
        s -> {
          jdbc.update(
              "DELETE FROM cairn_tag_column WHERE entity_type = ? AND tag_code = ? AND snapshot_date = ?",
              entityType,
              tag,
              Date.valueOf(date));
          List<Object[]> rows = new ArrayList<>();
          for (int i = 0; i < parts.size(); i++) {
            rows.add(new Object[] {entityType, tag, Date.valueOf(date), i, parts.get(i)});
          }
          jdbc.batchUpdate(
              "INSERT INTO cairn_tag_column (entity_type, tag_code, snapshot_date, part, bytes)"
                  + " VALUES (?,?,?,?,?)",
              rows);
        });
  }

  Universe loadUniverse(String entityType) {
    PartJoiner joiner = new PartJoiner();
    int[] covers = {0};
    jdbc.query(
        "SELECT covers_below, bytes FROM cairn_entity_universe WHERE entity_type = ? ORDER BY part",
        rs -> {
          covers[0] = rs.getInt(1);
          joiner.add(rs.getBytes(2));
        },
        entityType);
    byte[] bytes = joiner.take();
    return new Universe(
        bytes.length == 0 ? new RoaringBitmap() : SegmentBitmaps.deserialize(bytes), covers[0]);
  }

  void saveUniverse(String entityType, Universe universe) {
    List<byte[]> parts = split(SegmentBitmaps.serialize(universe.ids().clone()));
    tx.executeWithoutResult(
        s -> {
          jdbc.update("DELETE FROM cairn_entity_universe WHERE entity_type = ?", entityType);
          List<Object[]> rows = new ArrayList<>();
          for (int i = 0; i < parts.size(); i++) {
            rows.add(new Object[] {entityType, i, universe.coversBelow(), parts.get(i)});
          }
          jdbc.batchUpdate(
              "INSERT INTO cairn_entity_universe (entity_type, part, covers_below, bytes)"
                  + " VALUES (?,?,?,?)",
              rows);
        });
  }

  /** Entity ids of the type from {@code from} on (0 = all). */
  RoaringBitmap entityIds(String entityType, int from) {
    RoaringBitmap ids = new RoaringBitmap();
    jdbc.query(
        "SELECT id FROM cairn_entity WHERE entity_type = ? AND id >= ?",
        rs -> {
          ids.add(rs.getInt(1));
        },
        entityType,
        from);
    return ids;
  }

  /** Reads the rows of one tag on one date into a column. */
  TagColumn readColumn(String entityType, String tag, LocalDate date, TagType type) {
    TagColumns.Builder builder = new TagColumns.Builder(type);
    jdbc.query(
        "SELECT entity_id, v_text, v_num FROM cairn_tag_value WHERE entity_type = ? AND tag_code = ?"
            + " AND snapshot_date = ?",
        rs -> {
          builder.add(rs.getInt(1), rs.getString(2), rs.getDouble(3));
        },
        entityType,
        tag,
        Date.valueOf(date));
    return builder.build();
  }

  /** Every (tag, date) with rows. */
  List<Map.Entry<String, LocalDate>> snapshots(String entityType) {
    return jdbc.query(
        "SELECT DISTINCT tag_code, snapshot_date FROM cairn_tag_value WHERE entity_type = ?",
        (rs, i) -> Map.entry(rs.getString(1), rs.getDate(2).toLocalDate()),
        entityType);
  }

  /** The counter's next value: ids at or above it do not exist yet. */
  int nextEntityId(String entityType) {
    return jdbc.query(
        "SELECT next_id FROM cairn_entity_seq WHERE entity_type = ?",
        rs -> rs.next() ? rs.getInt(1) : 0,
        entityType);
  }

  /** Whether profile rows exist for the type although no column was ever stored (older data). */
  boolean hasRowsWithoutColumns(String entityType) {
    Boolean rows =
        jdbc.query(
            "SELECT 1 FROM cairn_tag_value WHERE entity_type = ? LIMIT 1", ResultSetNext.INSTANCE, entityType);
    Boolean columns =
        jdbc.query(
            "SELECT 1 FROM cairn_tag_column WHERE entity_type = ? LIMIT 1", ResultSetNext.INSTANCE, entityType);
    return Boolean.TRUE.equals(rows) && !Boolean.TRUE.equals(columns);
  }

  private static List<byte[]> split(byte[] bytes) {
    List<byte[]> parts = new ArrayList<>();
    for (int at = 0; at < bytes.length || parts.isEmpty(); at += PART) {
      parts.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + PART)));
    }
    return parts;
  }

  /** Concatenates the parts of one stored value. */
  private static final class PartJoiner {
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void add(byte[] part) {
      bytes.writeBytes(part);
    }

    byte[] take() {
      byte[] out = bytes.toByteArray();
      bytes = new ByteArrayOutputStream();
      return out;
    }
  }

  private enum ResultSetNext implements org.springframework.jdbc.core.ResultSetExtractor<Boolean> {
    INSTANCE;

    @Override
    public Boolean extractData(java.sql.ResultSet rs) throws java.sql.SQLException {
      return rs.next();
    }
  }
}

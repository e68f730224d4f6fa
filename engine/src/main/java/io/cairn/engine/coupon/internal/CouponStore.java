package io.cairn.engine.coupon.internal;

import io.cairn.engine.coupon.Coupon;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * SQL of the coupon tables. Methods that change a pool expect the caller's transaction to hold the
 * coupon's row lock ({@link #lock}).
 */
@Component
public class CouponStore {

  /** Ids per IN list: well under every server's limit, few round trips for a batch. */
  static final int IN_CHUNK = 1_000;

  private static final String COLUMNS =
      "id, name, description, enabled, codes_total, codes_issued, created_at, updated_at";

  private final JdbcTemplate jdbc;

  CouponStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public long insert(String name, String description, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO cairn_coupon (name, description, enabled, codes_total,"
                      + " codes_issued, created_at, updated_at) VALUES (?,?,TRUE,0,0,?,?)",
                  Statement.RETURN_GENERATED_KEYS);
          ps.setString(1, name);
          ps.setString(2, description);
          ps.setTimestamp(3, Timestamp.from(now));
          ps.setTimestamp(4, Timestamp.from(now));
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  public Optional<Coupon> find(long id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM cairn_coupon WHERE id = ?", CouponStore::coupon, id)
        .stream()
        .findFirst();
  }

  public List<Coupon> page(int page, int size) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM cairn_coupon ORDER BY id DESC LIMIT ? OFFSET ?",
        CouponStore::coupon,
        size,
        (long) page * size);
  }

  public long count() {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM cairn_coupon", Long.class);
    return n == null ? 0 : n;
  }

  public boolean setEnabled(long id, boolean enabled, Instant now) {
    return jdbc.update(
            "UPDATE cairn_coupon SET enabled = ?, updated_at = ? WHERE id = ?",
            enabled,
            Timestamp.from(now),
            id)
        > 0;
  }

  /**
   * Locks the coupon's row until the transaction ends and answers whether it is enabled; empty when
   * there is no such coupon. Everything that changes a pool takes this lock first, so that imports
   * and issues of one coupon follow one another and its counts stay exact.
   */
  Optional<Boolean> lock(long id) {
    return jdbc
        .queryForList("SELECT enabled FROM cairn_coupon WHERE id = ? FOR UPDATE", Boolean.class, id)
        .stream()
        .findFirst();
  }

  /** The codes among {@code codes} that the pool already holds. */
  Set<String> existing(long couponId, Collection<String> codes) {
    Set<String> found = new HashSet<>();
    for (List<String> chunk : chunks(new ArrayList<>(codes))) {
      List<Object> args = new ArrayList<>(chunk.size() + 1);
      args.add(couponId);
      args.addAll(chunk);
      jdbc.query(
          "SELECT code FROM cairn_coupon_code WHERE coupon_id = ? AND code IN ("
              + marks(chunk.size())
              + ")",
          rs -> {
            found.add(rs.getString(1));
          },
          args.toArray());
    }
    return found;
  }

  void insertCodes(long couponId, List<String> codes) {
    for (List<String> chunk : chunks(codes)) {
      jdbc.batchUpdate(
          "INSERT INTO cairn_coupon_code (coupon_id, code, issued) VALUES (?,?,FALSE)",
          chunk,
          chunk.size(),
          (ps, code) -> {
            ps.setLong(1, couponId);
            ps.setString(2, code);
          });
    }
  }

  void addCounts(long couponId, long total, long issued, Instant now) {
    jdbc.update(
        "UPDATE cairn_coupon SET codes_total = codes_total + ?, codes_issued = codes_issued + ?,"
            + " updated_at = ? WHERE id = ?",
        total,
        issued,
        Timestamp.from(now),
        couponId);
  }

  /** The code ids the given entities already hold, by entity (a locking read: always current). */
  Map<Integer, Long> holders(long couponId, String entityType, int[] entityIds) {
    Map<Integer, Long> held = new HashMap<>();
    List<Integer> ids = new ArrayList<>(entityIds.length);
    for (int id : entityIds) {
      ids.add(id);
    }
    for (List<Integer> chunk : chunks(ids)) {
      List<Object> args = new ArrayList<>(chunk.size() + 2);
      args.add(couponId);
      args.add(entityType);
      args.addAll(chunk);
      jdbc.query(
          "SELECT entity_id, code_id FROM cairn_coupon_issue WHERE coupon_id = ?"
              + " AND entity_type = ? AND entity_id IN ("
              + marks(chunk.size())
              + ") FOR UPDATE",
          rs -> {
            held.put(rs.getInt(1), rs.getLong(2));
          },
          args.toArray());
    }
    return held;
  }

  /** Up to {@code n} free codes of the pool, oldest import first: one statement for a batch. */
  List<Long> claimFree(long couponId, int n) {
    if (n == 0) {
      return List.of();
    }
    return jdbc.queryForList(
        "SELECT id FROM cairn_coupon_code WHERE coupon_id = ? AND issued = FALSE"
            + " ORDER BY id LIMIT ? FOR UPDATE",
        Long.class,
        couponId,
        n);
  }

  /** Marks claimed codes issued; returns how many were still free. */
  int markIssued(long couponId, List<Long> codeIds) {
    int changed = 0;
    for (List<Long> chunk : chunks(codeIds)) {
      List<Object> args = new ArrayList<>(chunk.size() + 1);
      args.add(couponId);
      args.addAll(chunk);
      changed +=
          jdbc.update(
              "UPDATE cairn_coupon_code SET issued = TRUE WHERE coupon_id = ? AND issued = FALSE"
                  + " AND id IN ("
                  + marks(chunk.size())
                  + ")",
              args.toArray());
    }
    return changed;
  }

  /** Records who holds which code, in one batch. */
  void insertHolders(long couponId, String entityType, Map<Integer, Long> codes, Instant now) {
    List<Map.Entry<Integer, Long>> rows = new ArrayList<>(codes.entrySet());
    Timestamp at = Timestamp.from(now);
    jdbc.batchUpdate(
        "INSERT INTO cairn_coupon_issue (coupon_id, entity_type, entity_id, code_id, issued_at)"
            + " VALUES (?,?,?,?,?)",
        rows,
        IN_CHUNK,
        (ps, row) -> {
          ps.setLong(1, couponId);
          ps.setString(2, entityType);
          ps.setInt(3, row.getKey());
          ps.setLong(4, row.getValue());
          ps.setTimestamp(5, at);
        });
  }

  /** The code an entity holds of a coupon. */
  public record Held(long codeId, String code, Instant issuedAt) {
    @Override
    public String toString() {
      return "Held[" + codeId + "]"; // the code is a secret
    }
  }

  public Optional<Held> heldBy(long couponId, String entityType, int entityId) {
    return jdbc
        .query(
            "SELECT c.id, c.code, i.issued_at FROM cairn_coupon_issue i"
                + " JOIN cairn_coupon_code c ON c.id = i.code_id"
                + " WHERE i.coupon_id = ? AND i.entity_type = ? AND i.entity_id = ?",
            (rs, n) -> new Held(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
            couponId,
            entityType,
            entityId)
        .stream()
        .findFirst();
  }

  private static Coupon coupon(ResultSet rs, int row) throws SQLException {
    long total = rs.getLong(5);
    long issued = rs.getLong(6);
    return new Coupon(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getBoolean(4),
        total,
        issued,
        total - issued,
        rs.getTimestamp(7).toInstant(),
        rs.getTimestamp(8).toInstant());
  }

  private static <T> List<List<T>> chunks(List<T> all) {
    if (all.isEmpty()) {
      return Collections.emptyList();
    }
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += IN_CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
    }
    return out;
  }

  private static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }
}

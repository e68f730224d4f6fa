package io.cairn.engine.profile.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.cairn.engine.problem.ConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Maps external ids to dense 32-bit ids, allocating new ones from a per-type counter row locked
 * with {@code SELECT … FOR UPDATE}, so concurrent imports never hand out the same id. The counter
 * moves in its own short transaction: a long import must not block every other import of the type,
 * and a rolled-back import only leaves unused ids behind (sets never assume ids are contiguous).
 */
@Component
public class EntityIds {

  private static final int IN_CHUNK = 1_000;
  /** Sets from this size are matched by a scan when the type has at most SCAN_RATIO× entities… */
  private static final int SCAN_FROM = 20_000;
  private static final int SCAN_RATIO = 4;
  /** …and not too many to read (MySQL's driver buffers a whole result). */
  private static final int SCAN_MAX_ENTITIES = 2_000_000;

  /**
   * Ids reserved ahead for {@link #resolveFew}: events name a few new users per batch, and a
   * reservation of its own is a commit of its own (on H2 a write of every page the ingesting
   * transaction has changed so far: two thirds of creating a user in an ING-1 profile).
   */
  private static final int FEW_BLOCK = 1_000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate counterTx;
  /** Per entity type: the next reserved id and the end of the reserved block. */
  private final Map<String, int[]> reserved = new HashMap<>();

  EntityIds(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.counterTx = new TransactionTemplate(transactions);
    counterTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Existing ids of the given external ids (missing ones are absent from the map). A large set
   * that is a good part of all the type's entities (a list upload) is matched by reading the
   * entities once, not by lookups: H2 re-checks every index hit of an {@code IN} list against the
   * whole list, so thousands of lookups cost far more than one scan (SEG-5 in BENCHMARKS.md).
   */
  public Map<String, Integer> find(String entityType, Collection<String> externalIds) {
    if (externalIds.size() >= SCAN_FROM) {
      int entities = entityCount(entityType);
      if (entities <= SCAN_MAX_ENTITIES && entities <= externalIds.size() * SCAN_RATIO) {
        return scan(entityType, externalIds instanceof java.util.Set<String> set ? set : new java.util.HashSet<>(externalIds));
      }
    }
    return lookUp(entityType, externalIds);
  }

  /** At most (not exactly: ids are never reused) how many entities of the type exist. */
  private int entityCount(String entityType) {
    List<Integer> next = jdbc.queryForList(
        "SELECT next_id FROM cairn_entity_seq WHERE entity_type = ?", Integer.class, entityType);
    return next.isEmpty() ? 0 : next.get(0);
  }

  private Map<String, Integer> scan(String entityType, java.util.Set<String> wanted) {
    Map<String, Integer> out = new HashMap<>();
    jdbc.query(
        con -> {
          var ps = con.prepareStatement("SELECT external_id, id FROM cairn_entity WHERE entity_type = ?");
          ps.setFetchSize(10_000);
          ps.setString(1, entityType);
          return ps;
        },
        (java.sql.ResultSet rs) -> {
          String id = rs.getString(1);
          if (wanted.contains(id)) {
            out.put(id, rs.getInt(2));
          }
        });
    return out;
  }

  private Map<String, Integer> lookUp(String entityType, Collection<String> externalIds) {
    Map<String, Integer> out = new HashMap<>();
    List<String> all = new ArrayList<>(externalIds);
    for (int from = 0; from < all.size(); from += IN_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      Object[] args = new Object[chunk.size() + 1];
      args[0] = entityType;
      for (int i = 0; i < chunk.size(); i++) {
        args[i + 1] = chunk.get(i);
      }
      jdbc.query(
          "SELECT external_id, id FROM cairn_entity WHERE entity_type = ? AND external_id IN ("
              + marks
              + ")",
          rs -> {
            out.put(rs.getString(1), rs.getInt(2));
          },
          args);
    }
    return out;
  }

  /**
   * The dense ids of external ids, split into those that existed and those allocated now.
   *
   * @param existing external ids that had a dense id
   * @param created external ids given one by this call
   */
  public record Resolved(Map<String, Integer> existing, Map<String, Integer> created) {

    /** The dense id of any of the resolved external ids. */
    public Integer id(String externalId) {
      Integer id = existing.get(externalId);
      return id != null ? id : created.get(externalId);
    }
  }

  /**
   * Finds the external ids' dense ids and allocates the missing ones; must run inside a
   * transaction (see {@link #allocate}).
   */
  public Resolved resolve(String entityType, Collection<String> externalIds) {
    Map<String, Integer> existing = find(entityType, externalIds);
    List<String> fresh = new ArrayList<>();
    for (String id : externalIds) {
      if (!existing.containsKey(id)) {
        fresh.add(id);
      }
    }
    return new Resolved(existing, allocate(entityType, fresh));
  }

  /**
   * Like {@link #resolve}, for the small sets that arrive often (the users named by a batch of
   * events): new ids come from a block reserved ahead, so most calls reserve nothing. A block's
   * unused ids stay unused when the process stops (sets never assume ids are contiguous).
   */
  public Resolved resolveFew(String entityType, Collection<String> externalIds) {
    Map<String, Integer> existing = find(entityType, externalIds);
    List<String> fresh = new ArrayList<>();
    for (String id : externalIds) {
      if (!existing.containsKey(id)) {
        fresh.add(id);
      }
    }
    if (fresh.isEmpty()) {
      return new Resolved(existing, Map.of());
    }
    return new Resolved(existing, insert(entityType, fresh, takeReserved(entityType, fresh.size())));
  }

  /** {@code count} ids from the type's reserved block, as an array of ids. */
  private synchronized int[] takeReserved(String entityType, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      int[] block = reserved.get(entityType);
      if (block == null || block[0] == block[1]) {
        int size = Math.max(FEW_BLOCK, count - i);
        int first = counterTx.execute(s -> reserve(entityType, size));
        block = new int[] {first, first + size};
        reserved.put(entityType, block);
      }
      out[i] = block[0]++;
    }
    return out;
  }

  /**
   * Allocates ids for external ids that have none; must run inside a transaction. Returns the new
   * ids.
   */
  public Map<String, Integer> allocate(String entityType, List<String> newExternalIds) {
    if (newExternalIds.isEmpty()) {
      return Map.of();
    }
    int first = counterTx.execute(s -> reserve(entityType, newExternalIds.size()));
    int[] ids = new int[newExternalIds.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = first + i;
    }
    return insert(entityType, newExternalIds, ids);
  }

  private Map<String, Integer> insert(String entityType, List<String> newExternalIds, int[] ids) {
    Map<String, Integer> out = new HashMap<>();
    List<Object[]> rows = new ArrayList<>(newExternalIds.size());
    for (int i = 0; i < newExternalIds.size(); i++) {
      out.put(newExternalIds.get(i), ids[i]);
      rows.add(new Object[] {entityType, ids[i], newExternalIds.get(i)});
    }
    try {
      jdbc.batchUpdate(
          "INSERT INTO cairn_entity (entity_type, id, external_id) VALUES (?,?,?)", rows);
    } catch (DuplicateKeyException e) {
      throw new ConflictException(
          "concurrent-import",
          "another import is creating the same " + entityType + " ids right now; retry it");
    }
    return out;
  }

  private int reserve(String entityType, int count) {
    List<Integer> next =
        jdbc.queryForList(
            "SELECT next_id FROM cairn_entity_seq WHERE entity_type = ? FOR UPDATE",
            Integer.class,
            entityType);
    if (next.isEmpty()) {
      try {
        jdbc.update(
            "INSERT INTO cairn_entity_seq (entity_type, next_id) VALUES (?, 0)", entityType);
      } catch (DuplicateKeyException raced) {
        // another import created the counter first; lock it below like any other
      }
      return reserve(entityType, count);
    }
    int first = next.get(0);
    jdbc.update(
        "UPDATE cairn_entity_seq SET next_id = ? WHERE entity_type = ?", first + count, entityType);
    return first;
  }
}

package io.cairn.engine.profile;

import io.cairn.engine.profile.internal.EntityIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Entities made known by other features than profile imports (events create the users they name).
 * Thread-safe. Known ids are cached: an entity's dense id never changes once committed, and event
 * traffic names the same users again and again (the lookup was a quarter of ING-1's server time).
 */
@Service
public class EntityRegistry {

  /** Entries kept before the cache starts over (about 100 bytes each). */
  private static final int CACHE_LIMIT = 500_000;

  private final EntityIds ids;
  private final Map<String, Integer> cache = new ConcurrentHashMap<>();

  EntityRegistry(EntityIds ids) {
    this.ids = ids;
  }

  /**
   * The dense ids of the external ids, creating entities that do not exist yet. Must run inside a
   * transaction; throws {@link io.cairn.engine.problem.ConflictException} when a concurrent
   * transaction creates one of the same entities (retry the transaction: it will find it).
   */
  public Map<String, Integer> ensure(String entityType, Collection<String> externalIds) {
    Map<String, Integer> out = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (String id : externalIds) {
      Integer cached = cache.get(key(entityType, id));
      if (cached != null) {
        out.put(id, cached);
      } else {
        unknown.add(id);
      }
    }
    if (unknown.isEmpty()) {
      return out;
    }
    EntityIds.Resolved resolved = ids.resolveFew(entityType, unknown);
    Map<String, Integer> looked = new HashMap<>(resolved.existing());
    looked.putAll(resolved.created());
    out.putAll(looked);
    rememberAfterCommit(entityType, looked);
    return out;
  }

  /**
   * Only committed ids are cached: this transaction may still roll back the entities it created
   * (or, in a group commit, ones another batch of it created).
   */
  private void rememberAfterCommit(String entityType, Map<String, Integer> looked) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        if (cache.size() + looked.size() > CACHE_LIMIT) {
          cache.clear();
        }
        looked.forEach((id, dense) -> cache.put(key(entityType, id), dense));
      }
    });
  }

  private static String key(String entityType, String externalId) {
    return entityType + '\u0000' + externalId;
  }
}

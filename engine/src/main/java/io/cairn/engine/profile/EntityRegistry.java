package io.cairn.engine.profile;

import io.cairn.engine.profile.internal.EntityIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Entities made known by other features than profile imports (events create the users they name).
 */
@Service
public class EntityRegistry {

  private final EntityIds ids;

  EntityRegistry(EntityIds ids) {
    this.ids = ids;
  }

  /**
   * The dense ids of the external ids, creating entities that do not exist yet. Must run inside a
   * transaction; throws {@link io.cairn.engine.problem.ConflictException} when a concurrent
   * transaction creates one of the same entities (retry the transaction: it will find it).
   */
  public Map<String, Integer> ensure(String entityType, Collection<String> externalIds) {
    Map<String, Integer> found = new HashMap<>(ids.find(entityType, externalIds));
    List<String> missing = new ArrayList<>();
    for (String id : externalIds) {
      if (!found.containsKey(id)) {
        missing.add(id);
      }
    }
    found.putAll(ids.allocate(entityType, missing));
    return found;
  }
}

package io.cairn.engine.profile;

import io.cairn.engine.problem.InvalidInputException;
import java.util.Set;

/** The kinds of entity Cairn keeps profiles of (the reference product's "target objects"). */
public final class EntityTypes {

  /** The supported entity types. */
  public static final Set<String> ALL = Set.of("user", "merchant", "store");

  private EntityTypes() {}

  /** Returns the entity type or throws {@link InvalidInputException} naming {@code field}. */
  public static String require(String entityType, String field) {
    if (entityType == null || !ALL.contains(entityType)) {
      throw new InvalidInputException(
          "invalid-entity-type", field, "entityType must be one of user, merchant, store");
    }
    return entityType;
  }
}

package io.cairn.engine.profile;

/**
 * Published after a profile import committed; readers of tag values (the segment engine's index)
 * refresh what they hold for this entity type.
 *
 * @param entityType the entity type whose profiles changed
 */
public record ProfilesImported(String entityType) {}

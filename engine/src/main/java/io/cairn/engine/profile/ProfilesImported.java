package io.cairn.engine.profile;

import java.time.LocalDate;
import java.util.Set;

/**
 * Published after a profile import committed; readers of tag values (the segment engine's index)
 * refresh what they hold for this entity type.
 *
 * @param entityType the entity type whose profiles changed
 * @param snapshotDate the snapshot date the import wrote
 * @param tags the tag codes whose values on that date were written (possibly empty: identities only)
 */
public record ProfilesImported(String entityType, LocalDate snapshotDate, Set<String> tags) {}

package io.cairn.engine.profile;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Published after tag-value snapshots older than the retention were deleted; holders of per-date
 * data (the segment engine's stored index) drop those dates too. Published again if a purge is
 * repeated (another node, a restart), so listeners must be idempotent.
 *
 * @param entityType the entity type whose snapshots were deleted
 * @param datesByTag tag code → the deleted snapshot dates, ascending
 */
public record SnapshotsPurged(String entityType, Map<String, List<LocalDate>> datesByTag) {}

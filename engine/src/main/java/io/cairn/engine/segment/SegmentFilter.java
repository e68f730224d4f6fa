package io.cairn.engine.segment;

/**
 * What to list; null fields do not filter.
 *
 * @param nameContains case-insensitive part of the name
 * @param kind only this kind
 * @param status only this status
 * @param groupId only this folder
 * @param entityType only this entity type
 * @param workspaceId only this workspace (null: every workspace, for engine-internal callers)
 */
public record SegmentFilter(
    String nameContains,
    SegmentKind kind,
    SegmentStatus status,
    Long groupId,
    String entityType,
    Long workspaceId) {

  /** Every workspace. */
  public SegmentFilter(
      String nameContains, SegmentKind kind, SegmentStatus status, Long groupId, String entityType) {
    this(nameContains, kind, status, groupId, entityType, null);
  }

  /** Everything. */
  public static SegmentFilter all() {
    return new SegmentFilter(null, null, null, null, null);
  }
}

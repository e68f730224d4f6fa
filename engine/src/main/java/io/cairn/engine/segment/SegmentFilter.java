package io.cairn.engine.segment;

/**
 * What to list; null fields do not filter.
 *
 * @param nameContains case-insensitive part of the name
 * @param kind only this kind
 * @param status only this status
 * @param groupId only this folder
 * @param entityType only this entity type
 */
public record SegmentFilter(
    String nameContains, SegmentKind kind, SegmentStatus status, Long groupId, String entityType) {

  /** Everything. */
  public static SegmentFilter all() {
    return new SegmentFilter(null, null, null, null, null);
  }
}

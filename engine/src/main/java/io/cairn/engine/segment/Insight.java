package io.cairn.engine.segment;

import java.util.List;

/**
 * How tag values are distributed in a segment compared with all entities of its type.
 *
 * @param size members of the segment
 * @param population all entities of the type
 * @param tags one entry per requested tag
 */
public record Insight(long size, long population, List<TagInsight> tags) {

  /** One tag's values, most frequent in the segment first. */
  public record TagInsight(String tag, List<ValueShare> values) {}

  /**
   * One value.
   *
   * @param value the value
   * @param members members having it
   * @param share members / size
   * @param overall entities having it / population
   * @param tgi share / overall × 100 (100 = as common as everywhere); null when nobody has it
   */
  public record ValueShare(String value, long members, double share, double overall, Double tgi) {}
}

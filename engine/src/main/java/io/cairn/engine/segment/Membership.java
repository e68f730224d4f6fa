package io.cairn.engine.segment;

import java.time.Instant;
import java.util.List;

/**
 * Whether an entity is in a segment's latest snapshot, and why.
 *
 * @param member in the latest snapshot
 * @param known whether the external id names an entity at all
 * @param snapshotAt when the snapshot answering was taken
 * @param groups with {@code explain}, for rule segments: each group re-checked on current data
 * @param inputs with {@code explain}, for set, sample and lookalike segments and rule
 *     {@code combine} steps: membership in each input segment
 */
public record Membership(
    boolean member, boolean known, Instant snapshotAt, List<Group> groups, List<Input> inputs) {

  /**
   * One group of the rule.
   *
   * @param index position in the rule
   * @param matched all its conditions hold and none of its exclusions does
   * @param checks per condition and exclusion, by JSON path
   */
  public record Group(int index, boolean matched, List<Check> checks) {}

  /** A condition or exclusion and whether the entity satisfies it. */
  public record Check(String path, boolean holds) {}

  /** An input segment and whether the entity is in its latest snapshot. */
  public record Input(long segment, boolean member) {}
}

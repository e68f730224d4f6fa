package io.cairn.engine.segment.internal;

import java.util.List;

/** A validated segment definition of one kind; {@link Materializer} computes its members. */
public sealed interface Definition {

  /** A tag rule, then set operations with other segments in order. */
  record RuleDef(SegmentEngine.Compiled rule, List<Combine> combine) implements Definition {}

  /** One {@code combine} step: {@code op} is union, intersect or minus. */
  record Combine(SetOp op, long segment) {}

  /** A set expression over segments. */
  record SetDef(SetNode root) implements Definition {}

  /** A node of a set expression: a segment or an operation on 2–3 nodes. */
  sealed interface SetNode {}

  /** The latest members of a segment. */
  record Ref(long segment) implements SetNode {}

  /** {@code op} over {@code inputs} (minus: the first minus the others). */
  record Op(SetOp op, List<SetNode> inputs) implements SetNode {}

  /** Exactly {@code size} members, or {@code percent} % of them, chosen by a seeded hash. */
  record SampleDef(long segment, Long size, Double percent, long seed) implements Definition {}

  /** The {@code targetSize} entities most like the seed's members, cut at a tier. */
  record LookalikeDef(long seed, int targetSize, Lookalike.Tier tier) implements Definition {}

  /**
   * The entities whose external ids a configured source returns: from {@code table} or a
   * read-only {@code query} (one of them), in {@code column}.
   */
  record TableDef(String source, String table, String query, String column) implements Definition {

    /** What {@link io.cairn.engine.profile.ExternalTables#ids} reads. */
    String tableOrQuery() {
      return table != null ? table : query;
    }
  }

  /** Members fixed at creation (custom lists, journey outputs): refresh keeps them. */
  record Fixed() implements Definition {}

  /** Set operations. */
  enum SetOp {
    UNION,
    INTERSECT,
    MINUS
  }
}

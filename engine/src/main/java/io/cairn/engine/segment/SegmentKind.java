package io.cairn.engine.segment;

/** How a segment's members are defined; see SEGMENTS.md "Ways to create one". */
public enum SegmentKind {
  /** Tag rule (groups of conditions), optionally combined with other segments. */
  RULE,
  /** Uploaded CSV of ids; fixed. */
  LIST,
  /** Union, intersection or difference of 2–3 segments, up to 3 levels deep. */
  SET,
  /** A deterministic N or p % of another segment. */
  SAMPLE,
  /** Entities most similar to a seed segment. */
  LOOKALIKE,
  /** Saved by a journey (e.g. "SMS failed"); fixed. */
  STATIC,
  /** Ids read from a configured external table or SELECT. */
  TABLE;

  /** Whether refreshing recomputes the members (fixed kinds keep the members they were made with). */
  public boolean recomputable() {
    return this != LIST && this != STATIC;
  }
}

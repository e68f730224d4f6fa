package io.cairn.engine.workspace;

/**
 * What belongs to a workspace: the features' tables that carry a {@code workspace_id} column.
 * A workspace that owns any live row of these cannot be deleted.
 */
public enum Owned {
  JOURNEY("journey", "cairn_journey", "deleted_at IS NULL"),
  SEGMENT("segment", "cairn_segment", "1 = 1"),
  WEBHOOK("webhook", "cairn_webhook", "1 = 1"),
  TEMPLATE("template", "cairn_template", "1 = 1");

  /** The name of a row in messages and in {@link io.cairn.engine.problem.NotFoundException}. */
  public final String kind;

  final String table;

  /** Which rows count as present (deleted journeys are kept but gone). */
  final String live;

  Owned(String kind, String table, String live) {
    this.kind = kind;
    this.table = table;
    this.live = live;
  }
}

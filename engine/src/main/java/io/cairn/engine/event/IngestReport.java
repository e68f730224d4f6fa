package io.cairn.engine.event;

import java.util.List;

/**
 * The answer to one batch: a result per item, in order.
 *
 * @param accepted items stored now
 * @param duplicates items whose {@code id} this source had sent before (stored once, earlier)
 * @param rejected items refused (nothing stored for them)
 */
public record IngestReport(int accepted, int duplicates, int rejected, List<ItemResult> items) {

  /** What happened to item {@code index} (0-based). */
  public record ItemResult(int index, Status status, String id, String field, String message) {

    public static ItemResult ok(int index, Status status, String id) {
      return new ItemResult(index, status, id, null, null);
    }
  }

  /** The fate of one item. */
  public enum Status {
    ACCEPTED,
    DUPLICATE,
    REJECTED
  }
}

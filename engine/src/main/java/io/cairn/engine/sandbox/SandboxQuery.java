package io.cairn.engine.sandbox;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.problem.InvalidInputException;

/**
 * Which recorded sandbox messages to read. Every filter is optional ({@code null} or blank = any).
 *
 * @param channel only this channel
 * @param recipient only this exact recipient address
 * @param idempotencyKeyPrefix only keys starting with this text (e.g. one journey's or action's
 *     key prefix); {@code %} and {@code _} match themselves
 * @param page zero-based page number
 * @param size page size, 1 to {@value #MAX_SIZE}
 * @throws InvalidInputException when page is negative or size is out of range
 */
public record SandboxQuery(
    Channel channel, String recipient, String idempotencyKeyPrefix, int page, int size) {

  public static final int MAX_SIZE = 10_000;

  public SandboxQuery {
    if (page < 0) {
      throw new InvalidInputException("invalid-paging", "page", "page must be 0 or more");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidInputException(
          "invalid-paging", "size", "size must be between 1 and " + MAX_SIZE);
    }
  }

  /** Every message, first page. */
  public static SandboxQuery all(int size) {
    return new SandboxQuery(null, null, null, 0, size);
  }

  @Override
  public String toString() {
    // The recipient is personal data.
    return "SandboxQuery[" + channel + ", prefix=" + idempotencyKeyPrefix + ", " + page + "/" + size
        + "]";
  }
}

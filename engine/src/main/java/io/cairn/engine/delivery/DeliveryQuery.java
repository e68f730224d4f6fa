package io.cairn.engine.delivery;

/**
 * Which ledger rows to list; every filter is optional (null = any).
 *
 * @param journeyId rows of this journey
 * @param actionId rows of this action execution
 * @param status rows in this state
 * @param entityType with {@code externalId}: the recipient's entity type (default {@code user})
 * @param externalId rows of this recipient
 * @param page from 0
 * @param size rows per page, 1–500
 */
public record DeliveryQuery(
    Long journeyId,
    Long actionId,
    DeliveryStatus status,
    String entityType,
    String externalId,
    int page,
    int size) {

  public DeliveryQuery {
    entityType = entityType == null || entityType.isBlank() ? "user" : entityType;
    if (page < 0 || size < 1 || size > 500) {
      throw new IllegalArgumentException("page must be >= 0 and size 1-500");
    }
  }
}

package io.cairn.connectors.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How a webhook's receipts are judged: the reference's receipt settings ("状态code → 状态值" pairs and
 * the data recovery period) plus the clock tolerance of signed requests.
 *
 * @param deliveredStatuses the receiver status codes that mean delivered; {@code null} or empty
 *     means {@code {"200"}}. Any other status is a failure
 * @param statusNames display names by status code, used as the failure reason; may be {@code null}
 * @param receiptWindow how long after sending a receipt is accepted (the data recovery period);
 *     {@code null} means 7 days
 * @param tolerance how far a report's signed timestamp may be from Cairn's clock, either way;
 *     {@code null} means 5 minutes
 * @throws IllegalArgumentException if a duration is not positive
 */
public record ReceiptRules(
    Set<String> deliveredStatuses,
    Map<String, String> statusNames,
    Duration receiptWindow,
    Duration tolerance) {

  /** Receipt window used when none is configured. */
  public static final Duration DEFAULT_RECEIPT_WINDOW = Duration.ofDays(7);

  /** Timestamp tolerance used when none is configured (Standard Webhooks' recommendation). */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  public ReceiptRules {
    deliveredStatuses =
        deliveredStatuses == null || deliveredStatuses.isEmpty()
            ? Set.of("200")
            : Set.copyOf(deliveredStatuses);
    statusNames = statusNames == null ? Map.of() : Map.copyOf(statusNames);
    receiptWindow = receiptWindow == null ? DEFAULT_RECEIPT_WINDOW : receiptWindow;
    tolerance = tolerance == null ? DEFAULT_TOLERANCE : tolerance;
    if (receiptWindow.isNegative() || receiptWindow.isZero()) {
      throw new IllegalArgumentException("receiptWindow must be positive");
    }
    if (tolerance.isNegative() || tolerance.isZero()) {
      throw new IllegalArgumentException("tolerance must be positive");
    }
  }

  /** The defaults: {@code "200"} is delivered, 7-day window, 5-minute tolerance. */
  public static ReceiptRules defaults() {
    return new ReceiptRules(null, null, null, null);
  }
}

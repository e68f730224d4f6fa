package io.cairn.engine.webhook;

import java.util.List;

/**
 * Whether and how a webhook's receiver reports outcomes (the reference's receipt settings).
 *
 * @param enabled receipts are accepted only when true
 * @param windowHours how long after sending a receipt is accepted (the data recovery period);
 *     {@code null} means 168 (7 days); 1 to 720
 * @param statuses the status codes receipts may carry; {@code null} or empty means {@code 200}
 *     (delivered). Once receipts were enabled, existing statuses cannot be changed or removed
 */
public record ReceiptSettings(Boolean enabled, Integer windowHours, List<ReceiptStatus> statuses) {

  /** Window used when none is given. */
  public static final int DEFAULT_WINDOW_HOURS = 168;

  public ReceiptSettings {
    enabled = enabled != null && enabled;
    statuses = statuses == null ? List.of() : statuses;
  }

  /** Receipts off. */
  public static ReceiptSettings off() {
    return new ReceiptSettings(false, DEFAULT_WINDOW_HOURS, List.of());
  }
}

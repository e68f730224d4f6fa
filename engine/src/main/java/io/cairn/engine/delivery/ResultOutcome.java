package io.cairn.engine.delivery;

/**
 * The three outcomes a journey's result branch routes by, from a recipient's ledger row at the
 * moment the branch decides. The reference product splits an action's recipients into success,
 * failure and "other" (no feedback); Cairn maps its row states so:
 *
 * <ul>
 *   <li>{@link #SUCCESS}: DELIVERED (a receipt confirmed it), and SENT when the action expects no
 *       receipts (its channel's feedback window is 0, or a webhook without receipts): then the
 *       provider's acceptance is the final word.
 *   <li>{@link #FAILURE}: the message did not and will not reach the user: FAILED (refused, retries
 *       exhausted, or a failure receipt), SKIPPED (no address of the needed type, or an empty
 *       variable under the SKIP policy) and SUPPRESSED (opt-out, holdout, frequency cap). A fallback
 *       on another channel is what a marketer draws after it; the send policies apply again there.
 *   <li>{@link #OTHER}: not known yet or never known: SENT while a receipt may still come,
 *       NO_FEEDBACK (the window passed without one), AMBIGUOUS, and rows still PENDING or IN_FLIGHT
 *       (retrying, deferred by quiet hours).
 * </ul>
 */
public enum ResultOutcome {
  SUCCESS,
  FAILURE,
  OTHER;

  /**
   * @param feedbackExpected whether receipts may settle the action's rows (a feedback window)
   */
  public static ResultOutcome of(DeliveryStatus status, boolean feedbackExpected) {
    return switch (status) {
      case DELIVERED -> SUCCESS;
      case SENT -> feedbackExpected ? OTHER : SUCCESS;
      case FAILED, SKIPPED, SUPPRESSED -> FAILURE;
      case PENDING, IN_FLIGHT, AMBIGUOUS, NO_FEEDBACK -> OTHER;
    };
  }
}

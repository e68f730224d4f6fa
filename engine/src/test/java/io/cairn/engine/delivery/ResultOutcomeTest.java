package io.cairn.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The documented mapping of ledger states to result-branch outcomes, state by state. */
class ResultOutcomeTest {

  @Test
  void shouldCountDeliveredAsSuccessAndSentOnlyWhereNoReceiptCanCome() {
    assertThat(ResultOutcome.of(DeliveryStatus.DELIVERED, true)).isEqualTo(ResultOutcome.SUCCESS);
    assertThat(ResultOutcome.of(DeliveryStatus.DELIVERED, false)).isEqualTo(ResultOutcome.SUCCESS);
    assertThat(ResultOutcome.of(DeliveryStatus.SENT, false)).isEqualTo(ResultOutcome.SUCCESS);
    assertThat(ResultOutcome.of(DeliveryStatus.SENT, true)).isEqualTo(ResultOutcome.OTHER);
  }

  @Test
  void shouldCountEveryoneTheMessageCannotReachAsFailure() {
    for (DeliveryStatus s :
        new DeliveryStatus[] {DeliveryStatus.FAILED, DeliveryStatus.SKIPPED, DeliveryStatus.SUPPRESSED}) {
      assertThat(ResultOutcome.of(s, true)).as(s.name()).isEqualTo(ResultOutcome.FAILURE);
      assertThat(ResultOutcome.of(s, false)).as(s.name()).isEqualTo(ResultOutcome.FAILURE);
    }
  }

  @Test
  void shouldCountTheUnknownAsOther() {
    for (DeliveryStatus s :
        new DeliveryStatus[] {
          DeliveryStatus.PENDING,
          DeliveryStatus.IN_FLIGHT,
          DeliveryStatus.AMBIGUOUS,
          DeliveryStatus.NO_FEEDBACK
        }) {
      assertThat(ResultOutcome.of(s, true)).as(s.name()).isEqualTo(ResultOutcome.OTHER);
    }
  }
}

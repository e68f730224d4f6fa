package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendRateTest {

  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(5 * SECOND);

  @Test
  void shouldLetOneSecondsWorthThroughAtOnceThenPaceTheRest() {
    SendRate rate = new SendRate(100, now::get);

    assertThat(rate.reserveNanos(100)).isZero();
    assertThat(rate.reserveNanos(50)).isEqualTo(SECOND / 2);
    assertThat(rate.reserveNanos(50)).as("queued behind the first wait").isEqualTo(SECOND);

    now.addAndGet(SECOND); // the caller waited its turn
    assertThat(rate.reserveNanos(100)).isEqualTo(SECOND);
  }

  @Test
  void shouldRefillWithTimeButNeverBeyondOneSecondsWorth() {
    SendRate rate = new SendRate(10, now::get);
    rate.reserveNanos(10);

    now.addAndGet(SECOND / 2);
    assertThat(rate.reserveNanos(5)).isZero();
    now.addAndGet(60 * SECOND); // idle for a minute: still only one second's burst
    assertThat(rate.reserveNanos(10)).isZero();
    assertThat(rate.reserveNanos(1)).isEqualTo(SECOND / 10);
  }

  @Test
  void shouldRefuseANonPositiveRate() {
    assertThatThrownBy(() -> new SendRate(0, now::get)).hasMessageContaining("positive");
  }
}

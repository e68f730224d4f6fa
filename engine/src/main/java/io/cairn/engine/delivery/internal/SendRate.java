package io.cairn.engine.delivery.internal;

import java.util.function.LongSupplier;

/**
 * A connector's pace (its provider's rate limit): at most {@code perSecond} recipients handed to
 * it per second over all actions, with bursts of up to one second's worth. A token bucket; the
 * clock is injected so that tests need not wait. Thread-safe.
 */
final class SendRate {

  private final int perSecond;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  SendRate(int perSecond, LongSupplier nanoTime) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("a rate limit must be positive, was " + perSecond);
    }
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.tokens = perSecond;
    this.last = nanoTime.getAsLong();
  }

  /** Recipients per second. */
  int perSecond() {
    return perSecond;
  }

  /**
   * Takes {@code recipients} from the bucket and answers how long the caller must wait before
   * sending them (0: now). Callers that wait their turn keep the pace, whatever the batch size.
   */
  synchronized long reserveNanos(int recipients) {
    long now = nanoTime.getAsLong();
    tokens = Math.min(perSecond, tokens + (now - last) * (perSecond / 1e9));
    last = now;
    tokens -= recipients;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perSecond * 1e9);
  }
}

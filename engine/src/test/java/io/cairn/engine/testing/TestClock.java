package io.cairn.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The one clock of a journey test: moving it moves Cairn's {@link Clock} bean and Camunda's {@link
 * ClockUtil} together, so timers, schedules, windows and ledger timestamps agree. Add {@link
 * Config} to the test's {@code @SpringBootTest(classes = …)}; call {@link #reset} after the test
 * (ClockUtil is static and would leak into the next test class).
 */
public final class TestClock extends Clock {

  private volatile Instant now;

  public TestClock(Instant start) {
    set(start);
  }

  /** Moves both clocks to {@code at}. */
  public void set(Instant at) {
    now = at;
    ClockUtil.setCurrentTime(Date.from(at));
  }

  /** Moves both clocks forward by {@code by}. */
  public void advance(Duration by) {
    set(now.plus(by));
  }

  /** Gives Camunda back the system clock. */
  public static void reset() {
    ClockUtil.reset();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Replaces the engine's system clock with a {@link TestClock} at 2030-01-01T09:00:00Z. */
  @TestConfiguration
  public static class Config {
    @Bean
    @Primary
    public TestClock testClock() {
      return new TestClock(Instant.parse("2030-01-01T09:00:00Z"));
    }
  }
}

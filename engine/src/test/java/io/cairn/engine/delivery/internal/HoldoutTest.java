package io.cairn.engine.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldoutTest {

  @Test
  void shouldHoldOutTheConfiguredShareStably() {
    Holdout tenPercent = new Holdout(10, "cairn");
    long held = IntStream.range(0, 200_000).filter(tenPercent::holdsOut).count();
    assertThat(held).isBetween(19_000L, 21_000L);
    Holdout again = new Holdout(10, "cairn");
    assertThat(IntStream.range(0, 10_000).allMatch(i -> tenPercent.holdsOut(i) == again.holdsOut(i)))
        .isTrue();
  }

  @Test
  void shouldDrawAnotherGroupWithAnotherSaltAndNoneAtZero() {
    Holdout a = new Holdout(10, "cairn");
    Holdout b = new Holdout(10, "other");
    long both = IntStream.range(0, 100_000).filter(i -> a.holdsOut(i) && b.holdsOut(i)).count();
    assertThat(both).isBetween(700L, 1_300L); // independent: about 1 %
    assertThat(IntStream.range(0, 100_000).anyMatch(new Holdout(0, "cairn")::holdsOut)).isFalse();
  }
}

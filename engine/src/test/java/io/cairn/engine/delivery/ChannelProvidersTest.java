package io.cairn.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.engine.delivery.internal.ProviderHealthRows;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelProvidersTest {

  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

  private static ChannelProvider.Health health(long ok, long rejected, long retry, long ambiguous) {
    return ChannelProviders.health(
        new ProviderHealthRows.Sample(ok, rejected, retry, ambiguous, ok > 0 ? AT : null, AT));
  }

  @Test
  void shouldJudgeOnlyTransientAndAmbiguousFailuresAsTrouble() {
    assertThat(health(0, 0, 0, 0).state()).isEqualTo(ChannelProvider.State.UNKNOWN);
    assertThat(health(100, 0, 0, 0).state()).isEqualTo(ChannelProvider.State.UP);
    assertThat(health(10, 90, 0, 0).state()).as("refusals are answers").isEqualTo(ChannelProvider.State.UP);
    assertThat(health(96, 0, 4, 0).state()).isEqualTo(ChannelProvider.State.UP);
    assertThat(health(95, 0, 3, 2).state()).isEqualTo(ChannelProvider.State.DEGRADED);
    assertThat(health(51, 0, 49, 0).state()).isEqualTo(ChannelProvider.State.DEGRADED);
    assertThat(health(50, 0, 25, 25).state()).isEqualTo(ChannelProvider.State.DOWN);
    assertThat(health(0, 0, 0, 7).troubleShare()).isEqualTo(1.0);
  }
}

package io.cairn.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.Channel;
import org.junit.jupiter.api.Test;

class SuppressionsTest {

  @Test
  void shouldMatchAddressesWrittenDifferently() {
    assertThat(Suppressions.normalise(Channel.SMS, " +86 138-0000-0001 "))
        .isEqualTo(Suppressions.normalise(Channel.SMS, "+8613800000001"));
    assertThat(Suppressions.normalise(Channel.EMAIL, " Ann@Example.COM"))
        .isEqualTo("ann@example.com");
    assertThat(Suppressions.normalise(Channel.PUSH, " Token-ABC ")).isEqualTo("Token-ABC");
    assertThatThrownBy(() -> Suppressions.normalise(Channel.SMS, "  "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

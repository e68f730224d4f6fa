package io.cairn.connectors.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundMessageTest {

  @Test
  void shouldHaveNoVariablesWhenBuiltTheFourArgumentWay() {
    OutboundMessage m = new OutboundMessage("k", "+8613800000000", null, "Hi");

    assertThat(m.variables()).isEmpty();
    assertThat(m).isEqualTo(new OutboundMessage("k", "+8613800000000", null, "Hi", null));
  }

  @Test
  void shouldCopyVariablesAndDropThoseWithoutAValue() {
    Map<String, String> values = new HashMap<>();
    values.put("name", "Ana");
    values.put("city", null);

    OutboundMessage m = new OutboundMessage("k", "a", null, "b", values);
    values.put("name", "changed");

    assertThat(m.variables()).containsExactly(Map.entry("name", "Ana"));
  }

  @Test
  void shouldKeepAddressesTextsAndValuesOutOfToString() {
    OutboundMessage m = new OutboundMessage("k-1", "+8613800000000", "S", "B", Map.of("n", "Ana"));

    assertThat(m.toString()).isEqualTo("OutboundMessage[k-1]");
  }
}

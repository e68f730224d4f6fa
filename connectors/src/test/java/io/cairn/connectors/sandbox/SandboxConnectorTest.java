package io.cairn.connectors.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.sms.SmsSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxConnectorTest {

  private final List<SandboxMessage> stored = new ArrayList<>();

  @Test
  void shouldRecordTheSignedTextAndReportSent() {
    SandboxConnector<SmsSettings> sms = SandboxConnector.sms(stored::addAll, Clock.systemUTC());
    BatchOutcome outcome =
        sms.deliver(
            new DeliveryBatch<>(
                new SmsSettings("t", EmptyValuePolicy.SKIP, "", "Cairn"),
                List.of(new OutboundMessage("k1", "+8613800000001", null, "Hi Ann"))));
    assertThat(outcome.outcomeFor("k1")).isInstanceOf(Outcome.Sent.class);
    assertThat(stored).singleElement().satisfies(m -> {
      assertThat(m.body()).isEqualTo("【Cairn】Hi Ann");
      assertThat(m.recipient()).isEqualTo("+8613800000001");
      assertThat(m.connectorId()).isEqualTo("sms.sandbox");
    });
    assertThat(stored.get(0).toString()).doesNotContain("+8613800000001");
  }

  @Test
  void shouldReportRetryableWhenTheOutboxFails() {
    SandboxConnector<SmsSettings> sms =
        SandboxConnector.sms(
            m -> {
              throw new IllegalStateException("db down");
            },
            Clock.systemUTC());
    BatchOutcome outcome =
        sms.deliver(
            new DeliveryBatch<>(
                new SmsSettings("t", EmptyValuePolicy.SKIP, "", ""),
                List.of(new OutboundMessage("k1", "+86138", null, "x"))));
    assertThat(outcome.outcomeFor("k1")).isInstanceOf(Outcome.Retryable.class);
  }
}

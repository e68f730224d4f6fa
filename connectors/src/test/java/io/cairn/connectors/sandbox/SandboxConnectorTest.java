package io.cairn.connectors.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.sms.SmsSettings;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SandboxConnectorTest extends ConnectorContract<SmsSettings> {

  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final SandboxConnector<SmsSettings> sms = SandboxConnector.sms(outbox, clock);
  private final SandboxConnector<EmailSettings> email = SandboxConnector.email(outbox, clock);

  @Override
  protected ChannelConnector<SmsSettings> connector() {
    return sms;
  }

  @Override
  protected SmsSettings settings() {
    return new SmsSettings("unused", EmptyValuePolicy.SKIP, "", "Cairn");
  }

  @Override
  protected String address(int i) {
    return "+8613800000" + (100 + i);
  }

  @Override
  protected void providerAccepts() {
    // the in-memory outbox stores whatever it is not told to fail on
  }

  @Override
  protected void providerFailsTransiently() {
    outbox.failNextWith(new IllegalStateException("database unavailable"));
  }

  @Override
  protected void providerResetsConnection() {
    outbox.failNextWith(new UncheckedIOException(new SocketException("Connection reset")));
  }

  @Override
  protected int providerRequests() {
    return outbox.calls();
  }

  @Test
  void shouldRecordTheSignedSmsAndReportItSent() {
    BatchOutcome outcome =
        sms.deliver(
            new DeliveryBatch<>(
                settings(),
                List.of(new OutboundMessage("a1-7", "+8613800000001", null, "Hi Ann"))));

    assertThat(outcome.byKey()).containsExactly(Map.entry("a1-7", new Outcome.Sent("sandbox:a1-7")));
    assertThat(outbox.stored())
        .containsExactly(
            new SandboxMessage(
                "sms.sandbox", Channel.SMS, "a1-7", "+8613800000001", null, "【Cairn】Hi Ann", NOW));
  }

  @Test
  void shouldRecordTheEmailSubjectAndBodyUnchanged() {
    BatchOutcome outcome =
        email.deliver(
            new DeliveryBatch<>(
                new EmailSettings("news@cairn.example", "s", "b", EmptyValuePolicy.SKIP, ""),
                List.of(new OutboundMessage("a2-9", "ann@example.com", "Hi Ann", "Dear Ann"))));

    assertThat(outcome.outcomeFor("a2-9")).isEqualTo(new Outcome.Sent("sandbox:a2-9"));
    assertThat(outbox.stored())
        .containsExactly(
            new SandboxMessage(
                "email.sandbox",
                Channel.EMAIL,
                "a2-9",
                "ann@example.com",
                "Hi Ann",
                "Dear Ann",
                NOW));
    assertThat(email.acceptedIds()).containsExactly(IdType.EMAIL);
  }

  @Test
  void shouldRecordTheBodyUnchangedForAnyChannel() {
    SandboxConnector<Hook> webhook =
        new SandboxConnector<>(
            "webhook.sandbox", Channel.WEBHOOK, Set.of(IdType.OPENID), Hook.class, outbox, clock);

    BatchOutcome outcome =
        webhook.deliver(
            new DeliveryBatch<>(
                new Hook("https://hooks.example"),
                List.of(new OutboundMessage("a3-1", "o-123", null, "{\"x\":1}"))));

    assertThat(outcome.outcomeFor("a3-1")).isInstanceOf(Outcome.Sent.class);
    assertThat(outbox.stored())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.connectorId()).isEqualTo("webhook.sandbox");
              assertThat(m.channel()).isEqualTo(Channel.WEBHOOK);
              assertThat(m.body()).isEqualTo("{\"x\":1}");
            });
    assertThat(webhook.settingsType()).isEqualTo(Hook.class);
  }

  @Test
  void shouldClaimNothingSentWhenTheOutboxFails() {
    outbox.failNextWith(new IllegalStateException("disk full"));

    BatchOutcome outcome = sms.deliver(batch(3));

    assertThat(outcome.byKey()).hasSize(3);
    assertThat(outcome.byKey().values()).allMatch(o -> o instanceof Outcome.Retryable);
    assertThat(outbox.stored()).isEmpty();
  }

  @Test
  void shouldRefuseABlankIdOrNoIdentityType() {
    Set<IdType> mobile = Set.of(IdType.MOBILE);
    assertThatThrownBy(
            () -> new SandboxConnector<>(" ", Channel.SMS, mobile, Hook.class, outbox, clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SandboxConnector<>("x", Channel.SMS, Set.of(), Hook.class, outbox, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeepPersonalDataOutOfToString() {
    SandboxMessage m =
        new SandboxMessage("sms.sandbox", Channel.SMS, "k", "+8613800000001", null, "Hi Ann", NOW);

    assertThat(m.toString()).doesNotContain("+8613800000001").doesNotContain("Hi Ann");
  }

  /** Settings of an imaginary webhook node. */
  record Hook(String url) {}

  /** The email sandbox honours the same contract. */
  @Nested
  class EmailSandbox extends ConnectorContract<EmailSettings> {

    @Override
    protected ChannelConnector<EmailSettings> connector() {
      return email;
    }

    @Override
    protected EmailSettings settings() {
      return new EmailSettings("news@cairn.example", "s", "b", EmptyValuePolicy.SKIP, "");
    }

    @Override
    protected String address(int i) {
      return "user" + i + "@example.com";
    }

    @Override
    protected void providerAccepts() {
      SandboxConnectorTest.this.providerAccepts();
    }

    @Override
    protected void providerFailsTransiently() {
      SandboxConnectorTest.this.providerFailsTransiently();
    }

    @Override
    protected void providerResetsConnection() {
      SandboxConnectorTest.this.providerResetsConnection();
    }

    @Override
    protected int providerRequests() {
      return outbox.calls();
    }
  }
}

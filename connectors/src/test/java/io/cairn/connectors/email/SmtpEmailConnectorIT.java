package io.cairn.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.EmptyValuePolicy;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpEmailConnectorIT extends ConnectorContract<EmailSettings> {

  private GreenMail mail;
  private SmtpEmailConnector connector;
  private int sendsBeforeDown;

  @BeforeEach
  void start() {
    mail = new GreenMail(ServerSetup.SMTP.dynamicPort());
    mail.start();
    connector =
        new SmtpEmailConnector(
            new SmtpServer("127.0.0.1", mail.getSmtp().getPort(), "", "", false, Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  @Override
  protected ChannelConnector<EmailSettings> connector() {
    return connector;
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
  protected void providerAccepts() {}

  @Override
  protected void providerFailsTransiently() {
    sendsBeforeDown = mail.getReceivedMessages().length;
    mail.stop();
  }

  @Override
  protected int providerRequests() {
    return sendsBeforeDown;
  }

  @Test
  void shouldDeliverWithHeadersDerivedFromTheBatch() throws Exception {
    BatchOutcome outcome = connector.deliver(batch(2));
    assertThat(outcome.byKey().values()).allMatch(o -> o instanceof Outcome.Sent);
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage first = received[0];
    assertThat(first.getFrom()[0].toString()).isEqualTo("news@cairn.example");
    assertThat(first.getAllRecipients()[0].toString()).isEqualTo("user0@example.com");
    assertThat(first.getSubject()).isEqualTo("Subject 0");
    assertThat(((String) first.getContent()).trim()).isEqualTo("Body 0");
    assertThat(first.getMessageID()).isEqualTo("<k-0@cairn>");
  }

  @Test
  void shouldRejectABadAddressAndSendTheRest() {
    DeliveryBatch<EmailSettings> batch =
        new DeliveryBatch<>(
            settings(),
            List.of(
                new OutboundMessage("a", "not an address", "s", "b"),
                new OutboundMessage("b", "ok@example.com", "s", "b")));
    BatchOutcome outcome = connector.deliver(batch);
    assertThat(outcome.outcomeFor("a")).isInstanceOf(Outcome.Rejected.class);
    assertThat(outcome.outcomeFor("b")).isInstanceOf(Outcome.Sent.class);
    assertThat(mail.getReceivedMessages()).hasSize(1);
  }
}

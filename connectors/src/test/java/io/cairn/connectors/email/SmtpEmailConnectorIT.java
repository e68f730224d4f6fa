package io.cairn.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.EmptyValuePolicy;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpEmailConnectorIT extends ConnectorContract<EmailSettings> {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private ScriptedSmtpServer scripted;
  private SmtpEmailConnector greenMailConnector;
  private SmtpEmailConnector current;

  @BeforeEach
  void connect() {
    greenMailConnector = connectorFor(GREEN_MAIL.getSmtp().getPort());
    current = greenMailConnector;
    scripted = new ScriptedSmtpServer();
  }

  @AfterEach
  void stopScripted() throws IOException {
    scripted.close();
  }

  private static SmtpEmailConnector connectorFor(int port) {
    return new SmtpEmailConnector(new SmtpServer("127.0.0.1", port, "", "", false, TIMEOUT));
  }

  private SmtpEmailConnector scriptedConnector() {
    return connectorFor(scripted.port());
  }

  @Override
  protected ChannelConnector<EmailSettings> connector() {
    return current;
  }

  @Override
  protected EmailSettings settings() {
    return new EmailSettings("news@cairn.example", "unused", "unused", EmptyValuePolicy.SKIP, "");
  }

  @Override
  protected String address(int i) {
    return "user" + i + "@example.com";
  }

  @Override
  protected void providerAccepts() {
    current = greenMailConnector;
  }

  @Override
  protected void providerFailsTransiently() {
    scripted.failNextGreeting();
    current = scriptedConnector();
  }

  @Override
  protected void providerResetsConnection() {
    scripted.dropNextConnectionAfterData();
    current = scriptedConnector();
  }

  @Override
  protected int providerRequests() {
    return scripted.connections();
  }

  @Test
  void shouldDeliverEachMessageWithSenderRecipientSubjectBodyAndMessageId() throws Exception {
    DeliveryBatch<EmailSettings> batch =
        new DeliveryBatch<>(
            settings(),
            List.of(
                new OutboundMessage(
                    "a1-7", "ann@example.com", "Hi Ann, 春季特惠", "Dear Ann,\n50% off"),
                new OutboundMessage("a1-8", "bob@example.com", "Hi Bob", "Dear Bob")));

    BatchOutcome outcome = greenMailConnector.deliver(batch);

    assertThat(outcome.outcomeFor("a1-7")).isEqualTo(new Outcome.Sent("<a1-7@cairn>"));
    assertThat(outcome.outcomeFor("a1-8")).isEqualTo(new Outcome.Sent("<a1-8@cairn>"));
    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage ann = received[0];
    assertThat(ann.getFrom()).containsExactly(new InternetAddress("news@cairn.example"));
    assertThat(ann.getAllRecipients()).containsExactly(new InternetAddress("ann@example.com"));
    assertThat(ann.getSubject()).isEqualTo("Hi Ann, 春季特惠");
    assertThat(ann.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
    assertThat(((String) ann.getContent()).replace("\r\n", "\n").strip())
        .isEqualTo("Dear Ann,\n50% off");
    assertThat(ann.getMessageID()).isEqualTo("<a1-7@cairn>");
    assertThat(received[1].getAllRecipients())
        .containsExactly(new InternetAddress("bob@example.com"));
  }

  @Test
  void shouldSendTextAndHtmlAsAlternativesWhenTheMessageHasAnHtmlPart() throws Exception {
    String html = "<p>Dear Ann &lt;b&gt;,<br>50% off</p>";
    DeliveryBatch<EmailSettings> batch =
        new DeliveryBatch<>(
            settings(),
            List.of(
                new OutboundMessage(
                    "h-1", "ann@example.com", "Hi", "Dear Ann <b>,\n50% off", Map.of(), html)));

    assertThat(greenMailConnector.deliver(batch).outcomeFor("h-1"))
        .isEqualTo(new Outcome.Sent("<h-1@cairn>"));

    MimeMessage ann = GREEN_MAIL.getReceivedMessages()[0];
    assertThat(ann.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) ann.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n").strip())
        .isEqualTo("Dear Ann <b>,\n50% off");
    assertThat(parts.getBodyPart(1).getContentType())
        .startsWith("text/html")
        .containsIgnoringCase("utf-8");
    assertThat(((String) parts.getBodyPart(1).getContent()).strip()).isEqualTo(html);
  }

  @Test
  void shouldOfferOneClickUnsubscribeWhenTheMessageHasALink() throws Exception {
    String link = "https://cairn.example/api/unsubscribe?t=abc.def";
    DeliveryBatch<EmailSettings> batch =
        new DeliveryBatch<>(
            settings(),
            List.of(
                new OutboundMessage(
                    "u-1", "ann@example.com", "Hi", "Body", Map.of("unsubscribe_url", link)),
                new OutboundMessage("u-2", "bob@example.com", "Hi", "Body")));

    greenMailConnector.deliver(batch);

    MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
    assertThat(received[0].getHeader("List-Unsubscribe")).containsExactly("<" + link + ">");
    assertThat(received[0].getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    assertThat(received[1].getHeader("List-Unsubscribe")).isNull();
  }

  @Test
  void shouldRejectAnInvalidAddressAndSendTheRest() {
    DeliveryBatch<EmailSettings> batch =
        new DeliveryBatch<>(
            settings(),
            List.of(
                new OutboundMessage("a", "not an address", "s", "b"),
                new OutboundMessage("b", "ok@example.com", "s", "b"),
                new OutboundMessage("c", "", "s", "b")));

    BatchOutcome outcome = greenMailConnector.deliver(batch);

    assertThat(outcome.outcomeFor("a")).isEqualTo(rejected("bad-address"));
    assertThat(outcome.outcomeFor("b")).isInstanceOf(Outcome.Sent.class);
    assertThat(outcome.outcomeFor("c")).isEqualTo(rejected("bad-address"));
    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
  }

  @Test
  void shouldRejectTheBatchWhenTheSenderIsInvalid() {
    DeliveryBatch<EmailSettings> batch =
        new DeliveryBatch<>(
            new EmailSettings("news at cairn", "s", "b", EmptyValuePolicy.SKIP, ""),
            List.of(new OutboundMessage("a", "ok@example.com", "s", "b")));

    assertThat(greenMailConnector.deliver(batch).outcomeFor("a"))
        .isEqualTo(new Outcome.Rejected("bad-sender", "the node's from address is not valid"));
    assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
  }

  @Test
  void shouldReportRetryableWhenTheServerIsDown() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    BatchOutcome outcome = connectorFor(port).deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
  }

  @Test
  void shouldReportRetryableWhenTheLoginIsRefused() {
    scripted.refuseLogin();
    SmtpEmailConnector connector =
        new SmtpEmailConnector(
            new SmtpServer("127.0.0.1", scripted.port(), "cairn", "wrong", false, TIMEOUT));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
    assertThat(scripted.delivered()).isEmpty();
  }

  @Test
  void shouldMapEachRecipientReplyAndKeepOneConnection() {
    scripted.replyToRecipient(address(1), "550 5.1.1 no such mailbox");
    scripted.replyToRecipient(address(2), "450 4.2.1 mailbox busy");

    BatchOutcome outcome = scriptedConnector().deliver(batch(4));

    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Sent.class);
    assertThat(outcome.outcomeFor("k-1")).isEqualTo(rejected("550"));
    assertThat(outcome.outcomeFor("k-2")).isInstanceOf(Outcome.Retryable.class);
    assertThat(outcome.outcomeFor("k-3")).isInstanceOf(Outcome.Sent.class);
    assertThat(scripted.delivered()).containsExactly(address(0), address(3));
    assertThat(scripted.connections()).isEqualTo(1);
  }

  @Test
  void shouldRejectAMessageTheServerRefusesAfterItsContent() {
    scripted.replyToData("554 5.7.1 message refused");

    BatchOutcome outcome = scriptedConnector().deliver(batch(2));

    assertThat(outcome.byKey().values()).containsOnly(rejected("554"));
    assertThat(scripted.connections()).isEqualTo(1);
  }

  @Test
  void shouldReportTheMessageInFlightAmbiguousAndTheRestRetryableWhenTheConnectionDrops() {
    scripted.dropNextConnectionAfterData();

    BatchOutcome outcome = scriptedConnector().deliver(batch(3));

    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
    assertThat(outcome.outcomeFor("k-1")).isInstanceOf(Outcome.Retryable.class);
    assertThat(outcome.outcomeFor("k-2")).isInstanceOf(Outcome.Retryable.class);
    assertThat(scripted.connections()).isEqualTo(1);
  }

  @Test
  void shouldEncodeKeysIntoValidMessageIds() {
    assertThat(SmtpEmailConnector.messageId("42-1007")).isEqualTo("<42-1007@cairn>");
    assertThat(SmtpEmailConnector.messageId("a b@c<d>%é"))
        .isEqualTo("<a%20b%40c%3Cd%3E%25%C3%A9@cairn>");
  }

  @Test
  void shouldNeverShowThePassword() {
    SmtpServer server = new SmtpServer("smtp.example", 587, "cairn", "hunter2", true, null);

    assertThat(server.toString()).doesNotContain("hunter2");
    assertThat(new SmtpEmailConnector(server).toString()).doesNotContain("hunter2");
    assertThat(server.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  private static Outcome.Rejected rejected(String code) {
    return switch (code) {
      case "bad-address" -> new Outcome.Rejected(code, "the recipient address is not valid");
      default -> new Outcome.Rejected(code, "SMTP server refused the message");
    };
  }
}

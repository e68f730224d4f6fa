package io.cairn.connectors.email;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Email over SMTP: one connection per batch, one message per recipient, {@code Message-ID:
 * <idempotencyKey@cairn>} so a duplicate is recognisable downstream.
 *
 * <p>Outcomes: accepted by the server → SENT; an invalid or refused recipient → REJECTED; no
 * connection or login → RETRYABLE for the whole batch; a failure mid-batch → the message in
 * flight AMBIGUOUS, the rest RETRYABLE. Never retries itself. Thread-safe.
 */
public final class SmtpEmailConnector implements ChannelConnector<EmailSettings> {

  private final SmtpServer server;
  private final Session session;

  public SmtpEmailConnector(SmtpServer server) {
    this.server = server;
    Properties p = new Properties();
    p.put("mail.smtp.host", server.host());
    p.put("mail.smtp.port", String.valueOf(server.port()));
    p.put("mail.smtp.auth", String.valueOf(server.authenticates()));
    p.put("mail.smtp.starttls.enable", String.valueOf(server.startTls()));
    p.put("mail.smtp.starttls.required", String.valueOf(server.startTls()));
    String millis = String.valueOf(server.timeout().toMillis());
    p.put("mail.smtp.connectiontimeout", millis);
    p.put("mail.smtp.timeout", millis);
    p.put("mail.smtp.writetimeout", millis);
    this.session = Session.getInstance(p);
  }

  @Override
  public String id() {
    return "email.smtp";
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public Set<IdType> acceptedIds() {
    return Set.of(IdType.EMAIL);
  }

  @Override
  public Class<EmailSettings> settingsType() {
    return EmailSettings.class;
  }

  @Override
  public int maxBatchSize() {
    return 100;
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<EmailSettings> batch) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    InternetAddress from;
    try {
      from = new InternetAddress(batch.settings().from(), true);
    } catch (AddressException e) {
      return BatchOutcome.all(batch.messages(), new Outcome.Rejected("bad-sender", "invalid from address"));
    }
    try (Transport transport = session.getTransport("smtp")) {
      try {
        if (server.authenticates()) {
          transport.connect(server.username(), server.password());
        } else {
          transport.connect();
        }
      } catch (MessagingException e) {
        return BatchOutcome.all(batch.messages(), new Outcome.Retryable("cannot connect to SMTP server"));
      }
      boolean broken = false;
      for (OutboundMessage m : batch.messages()) {
        if (broken) {
          out.put(m.idempotencyKey(), new Outcome.Retryable("SMTP connection lost earlier in batch"));
          continue;
        }
        Outcome outcome = send(transport, from, m);
        out.put(m.idempotencyKey(), outcome);
        // After an unexplained failure the connection state is unknown: stop using it.
        broken = outcome instanceof Outcome.Ambiguous;
      }
    } catch (MessagingException closeFailure) {
      // closing failed after every message had its outcome; nothing to change
    }
    return new BatchOutcome(out);
  }

  private Outcome send(Transport transport, InternetAddress from, OutboundMessage m) {
    InternetAddress to;
    try {
      to = new InternetAddress(m.address(), true);
    } catch (AddressException e) {
      return new Outcome.Rejected("bad-address", "invalid recipient address");
    }
    try {
      MimeMessage message = new IdentifiedMessage(session, m.idempotencyKey());
      message.setFrom(from);
      message.setRecipients(MimeMessage.RecipientType.TO, new Address[] {to});
      message.setSubject(m.subject() == null ? "" : m.subject(), "UTF-8");
      message.setText(m.body(), "UTF-8");
      message.saveChanges();
      transport.sendMessage(message, message.getAllRecipients());
      return new Outcome.Sent(message.getMessageID());
    } catch (SendFailedException e) {
      if (e.getValidSentAddresses() != null && e.getValidSentAddresses().length > 0) {
        return new Outcome.Sent(null);
      }
      return new Outcome.Rejected("smtp-refused", "the server refused the recipient");
    } catch (MessagingException e) {
      return new Outcome.Ambiguous("SMTP failure while sending: " + e.getClass().getSimpleName());
    }
  }

  /** A message whose Message-ID is derived from the idempotency key. */
  private static final class IdentifiedMessage extends MimeMessage {
    private final String key;

    IdentifiedMessage(Session session, String key) {
      super(session);
      this.key = key;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + key + "@cairn>");
    }
  }
}

package io.cairn.connectors.email;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends email over SMTP: one connection per batch, one message per recipient, each from the
 * node's {@code from} address with the rendered subject, a UTF-8 {@code text/plain} body (and, when
 * the node has an HTML part, {@code multipart/alternative} with the text and the HTML), and {@code Message-ID: <idempotencyKey@cairn>} so that a duplicate is recognisable in any
 * mailbox or log downstream.
 *
 * <p>A message whose {@link OutboundMessage#variables()} hold {@value #UNSUBSCRIBE_URL} (an
 * {@code https} or {@code http} link that unsubscribes this recipient on a POST) carries {@code
 * List-Unsubscribe: <url>} and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 2369,
 * RFC 8058), so that mail clients offer their own unsubscribe button; bulk senders must provide it
 * for the large mailbox providers to accept their mail.
 *
 * <h2>Outcomes</h2>
 *
 * <ul>
 *   <li>The server accepted the message: {@link Outcome.Sent} with the Message-ID.
 *   <li>The recipient address is not a valid address, or the server answered 5xx for it (unknown
 *       mailbox, message refused): {@link Outcome.Rejected} with the reply code ({@code
 *       bad-address} when the address never left Cairn). The rest of the batch goes on.
 *   <li>The server answered 4xx for it (mailbox busy, greylisting): {@link Outcome.Retryable}.
 *   <li>The node's {@code from} is not a valid address: {@link Outcome.Rejected} for the whole
 *       batch ({@code bad-sender}); nothing is sent.
 *   <li>No connection, no greeting or no login before anything was sent: {@link Outcome.Retryable}
 *       for the whole batch.
 *   <li>The connection fails while a message is on its way: that message {@link Outcome.Ambiguous}
 *       (the server may have queued it), the ones not attempted yet {@link Outcome.Retryable}.
 * </ul>
 *
 * <p>Never retries and never throws from {@link #deliver}. Logs nothing: addresses and texts are
 * personal data. Thread-safe; each call opens its own connection.
 */
public final class SmtpEmailConnector implements ChannelConnector<EmailSettings> {

  /** The connector id. */
  public static final String ID = "email.smtp";

  /** The message variable holding the recipient's one-click unsubscribe link. */
  public static final String UNSUBSCRIBE_URL = "unsubscribe_url";

  private static final String NOT_ATTEMPTED =
      "not attempted: the SMTP connection failed earlier in the batch";

  private final SmtpServer server;
  private final Session session;

  /** A connector for one SMTP server; opens no connection until {@link #deliver}. */
  public SmtpEmailConnector(SmtpServer server) {
    this.server = Objects.requireNonNull(server, "server");
    this.session = Session.getInstance(properties(server));
  }

  private static Properties properties(SmtpServer server) {
    Properties p = new Properties();
    p.put("mail.smtp.host", server.host());
    p.put("mail.smtp.port", String.valueOf(server.port()));
    p.put("mail.smtp.auth", String.valueOf(server.authenticates()));
    p.put("mail.smtp.starttls.enable", String.valueOf(server.startTls()));
    p.put("mail.smtp.starttls.required", String.valueOf(server.startTls()));
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    String millis = String.valueOf(server.timeout().toMillis());
    p.put("mail.smtp.connectiontimeout", millis);
    p.put("mail.smtp.timeout", millis);
    p.put("mail.smtp.writetimeout", millis);
    return p;
  }

  @Override
  public String id() {
    return ID;
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

  /** 100: one SMTP session should not hold a connection for minutes. */
  @Override
  public int maxBatchSize() {
    return 100;
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<EmailSettings> batch) {
    List<OutboundMessage> messages = batch.messages();
    InternetAddress from = parse(batch.settings() == null ? null : batch.settings().from());
    if (from == null) {
      return BatchOutcome.all(
          messages, new Outcome.Rejected("bad-sender", "the node's from address is not valid"));
    }
    Transport transport;
    try {
      transport = connect();
    } catch (MessagingException | RuntimeException e) {
      return BatchOutcome.all(
          messages,
          new Outcome.Retryable("SMTP server not reached: " + e.getClass().getSimpleName()));
    }
    try {
      return sendAll(transport, from, messages);
    } finally {
      close(transport);
    }
  }

  /** A connected (and logged-in) transport; nothing has been sent when this fails. */
  private Transport connect() throws MessagingException {
    Transport transport = session.getTransport("smtp");
    try {
      if (server.authenticates()) {
        transport.connect(server.username(), server.password());
      } else {
        transport.connect();
      }
      return transport;
    } catch (MessagingException | RuntimeException e) {
      close(transport);
      throw e;
    }
  }

  private BatchOutcome sendAll(
      Transport transport, InternetAddress from, List<OutboundMessage> messages) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    boolean connectionLost = false;
    for (OutboundMessage m : messages) {
      if (connectionLost) {
        out.put(m.idempotencyKey(), new Outcome.Retryable(NOT_ATTEMPTED));
        continue;
      }
      Outcome outcome = send(transport, from, m);
      out.put(m.idempotencyKey(), outcome);
      // After an unexplained failure the session's state is unknown: do not use it again.
      connectionLost =
          outcome instanceof Outcome.Ambiguous
              || (!(outcome instanceof Outcome.Sent) && !transport.isConnected());
    }
    return new BatchOutcome(out);
  }

  private Outcome send(Transport transport, InternetAddress from, OutboundMessage m) {
    InternetAddress to = parse(m.address());
    if (to == null) {
      return new Outcome.Rejected("bad-address", "the recipient address is not valid");
    }
    MimeMessage message;
    try {
      message = compose(from, to, m);
    } catch (MessagingException | RuntimeException e) {
      return new Outcome.Rejected("bad-message", "cannot compose: " + e.getClass().getSimpleName());
    }
    try {
      transport.sendMessage(message, message.getAllRecipients());
      return new Outcome.Sent(message.getMessageID());
    } catch (SendFailedException e) {
      return refused(e);
    } catch (MessagingException | RuntimeException e) {
      return new Outcome.Ambiguous("SMTP failure while sending: " + e.getClass().getSimpleName());
    }
  }

  private MimeMessage compose(InternetAddress from, InternetAddress to, OutboundMessage m)
      throws MessagingException {
    MimeMessage message = new IdentifiedMessage(session, messageId(m.idempotencyKey()));
    message.setFrom(from);
    message.setRecipient(MimeMessage.RecipientType.TO, to);
    message.setSubject(m.subject() == null ? "" : m.subject(), "UTF-8");
    String text = m.body() == null ? "" : m.body();
    if (m.html() == null) {
      message.setText(text, "UTF-8");
    } else {
      // multipart/alternative, plain text first: clients show the last part they can render.
      MimeMultipart alternative = new MimeMultipart("alternative");
      MimeBodyPart plain = new MimeBodyPart();
      plain.setText(text, "UTF-8");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(m.html(), "UTF-8", "html");
      alternative.addBodyPart(plain);
      alternative.addBodyPart(html);
      message.setContent(alternative);
    }
    String unsubscribe = m.variables().get(UNSUBSCRIBE_URL);
    if (unsubscribe != null && unsubscribe.matches("https?://[^\\s<>]+")) {
      message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
      message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    message.saveChanges();
    return message;
  }

  /** The server answered a send with an error code: 4xx is temporary, 5xx permanent. */
  private static Outcome refused(SendFailedException e) {
    int code = replyCode(e);
    if (code >= 400 && code < 500) {
      return new Outcome.Retryable("SMTP server deferred the message: " + code);
    }
    if (code >= 500 && code < 600) {
      return new Outcome.Rejected(String.valueOf(code), "SMTP server refused the message");
    }
    return new Outcome.Ambiguous("SMTP send failed without a reply code");
  }

  private static int replyCode(MessagingException e) {
    Exception x = e;
    for (int depth = 0; x != null && depth < 10; depth++) {
      if (x instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (x instanceof SMTPSenderFailedException s) {
        return s.getReturnCode();
      }
      if (x instanceof SMTPSendFailedException s) {
        return s.getReturnCode();
      }
      x = x instanceof MessagingException me ? me.getNextException() : null;
    }
    return -1;
  }

  /** A strictly parsed single address, or {@code null} when it is not one. */
  private static InternetAddress parse(String address) {
    if (address == null || address.isBlank()) {
      return null;
    }
    try {
      InternetAddress parsed = new InternetAddress(address.strip(), true);
      return parsed.isGroup() ? null : parsed;
    } catch (AddressException e) {
      return null;
    }
  }

  /**
   * {@code <key@cairn>}; characters a Message-ID cannot hold are percent-encoded, so that distinct
   * keys keep distinct ids.
   */
  static String messageId(String idempotencyKey) {
    StringBuilder id = new StringBuilder("<");
    for (byte b : idempotencyKey.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&'*+-/=?^_`{|}~.".indexOf(c) >= 0)) {
        id.append(c);
      } else {
        id.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return id.append("@cairn>").toString();
  }

  private static void close(Transport transport) {
    if (transport == null) {
      return;
    }
    try {
      transport.close();
    } catch (MessagingException | RuntimeException e) {
      // every message already has its outcome; a failed QUIT changes none of them
    }
  }

  @Override
  public String toString() {
    return "SmtpEmailConnector[" + server + "]";
  }

  /** A message whose Message-ID is the one derived from its idempotency key. */
  private static final class IdentifiedMessage extends MimeMessage {

    private final String messageId;

    IdentifiedMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}

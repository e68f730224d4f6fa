package io.cairn.connectors.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.HtmlText;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.email.SmtpEmailConnector;
import io.cairn.connectors.platform.internal.PlatformHttp;
import io.cairn.connectors.platform.internal.SendOutcomes;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * Sends email through a third-party platform in the style of the reference product's email platform
 * contract: one {@code sendBatch} request per batch.
 *
 * <h2>Request</h2>
 *
 * <pre>{@code
 * POST {prefix}/email/sendBatch
 * Content-Type: application/json; charset=utf-8
 * {apiKeyHeader}: {apiKey}                       (X-Api-Key unless configured)
 *
 * {"outId":"<hex SHA-256 of the batch's keys, sorted>",
 *  "accountName":"news@example.com", "fromAlias":"Example", "addressType":1, "clickTrace":0,
 *  "limit":2,
 *  "messages":[{"outId":"<idempotency key>","toAddress":"ann@example.org",
 *               "subject":"...","htmlBody":"...","textBody":"...",
 *               "headers":{"List-Unsubscribe":"<https://...>",
 *                          "List-Unsubscribe-Post":"List-Unsubscribe=One-Click"}}, ...]}
 * }</pre>
 *
 * <p>{@code accountName} is the node's {@code from} address and {@code fromAlias} its display name
 * (the contract allows 1–15 characters; left out when the node has none). {@code addressType} and
 * {@code clickTrace} are the contract's switches (0 random account / 1 sender address; 0 off / 1
 * on) from configuration. The reference sends one subject and body to a recipient file ({@code
 * receiversUrl}); Cairn renders every message for its recipient, so it sends them inline, each with
 * its own {@code outId} (the ledger's idempotency key: a platform must accept each at most once).
 * {@code htmlBody} is the text part escaped and with line breaks kept ({@code <br>}), as the node
 * holds plain text; messages over the contract's 28 KB {@code htmlBody} are rejected without being
 * sent. {@code headers} carries List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058)
 * when the message has an {@value SmtpEmailConnector#UNSUBSCRIBE_URL} variable, as over SMTP.
 *
 * <h2>Outcomes</h2>
 *
 * As for {@link SmsPlatformConnector} (2xx {@code OK} → sent with the {@code bizId}, {@code
 * rejected[]} entries rejected, other codes rejected, 429/5xx or no connection retryable, a failure
 * after the request went out ambiguous); plus: a recipient address that is not a valid address is
 * rejected ({@code bad-address}) and a node whose {@code from} is not a valid address, or whose
 * display name is over 15 characters, rejects the batch ({@code bad-sender}), without a request.
 *
 * <p>Never retries, never throws from {@link #deliver}, logs nothing. Thread-safe.
 */
public final class HttpEmailConnector implements ChannelConnector<EmailSettings> {

  /** The connector id. */
  public static final String ID = "email.http";

  /** The contract's limit on {@code htmlBody}. */
  public static final int MAX_HTML_BYTES = 28 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PlatformHttp http;
  private final boolean randomAddress;
  private final boolean clickTrace;

  /**
   * @param shared the application's shared client
   * @param endpoint the platform
   * @param randomAddress the contract's {@code addressType} 0 (a random account combined with the
   *     sender, for bounce tracking) rather than 1 (the sender address itself)
   * @param clickTrace whether the platform tracks clicks ({@code clickTrace} 1)
   */
  public HttpEmailConnector(
      OkHttpClient shared, PlatformEndpoint endpoint, boolean randomAddress, boolean clickTrace) {
    this.http = new PlatformHttp(shared, Objects.requireNonNull(endpoint, "endpoint"));
    this.randomAddress = randomAddress;
    this.clickTrace = clickTrace;
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

  @Override
  public int maxBatchSize() {
    return http.endpoint().maxBatchSize();
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<EmailSettings> batch) {
    InternetAddress from = parse(batch.settings() == null ? null : batch.settings().from());
    String alias = from == null || from.getPersonal() == null ? "" : from.getPersonal().strip();
    if (from == null || alias.codePointCount(0, alias.length()) > 15) {
      return BatchOutcome.all(
          batch.messages(),
          new Outcome.Rejected(
              "bad-sender",
              "the node's from address is not valid or its name is over 15 characters"));
    }
    Map<String, Outcome> out = new LinkedHashMap<>();
    List<OutboundMessage> sent = new ArrayList<>();
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode messages = body.putArray("messages");
    for (OutboundMessage m : batch.messages()) {
      InternetAddress to = parse(m.address());
      String html = m.html() != null ? m.html() : html(m.body());
      if (to == null) {
        out.put(m.idempotencyKey(), new Outcome.Rejected("bad-address", "not a valid address"));
      } else if (html.getBytes(StandardCharsets.UTF_8).length > MAX_HTML_BYTES) {
        out.put(m.idempotencyKey(), new Outcome.Rejected("too-large", "body over 28 KB"));
      } else {
        sent.add(m);
        messages.add(message(m, to, html));
      }
    }
    if (sent.isEmpty()) {
      return new BatchOutcome(out);
    }
    body.put("outId", SendOutcomes.batchOutId(sent))
        .put("accountName", from.getAddress())
        .put("addressType", randomAddress ? 0 : 1)
        .put("clickTrace", clickTrace ? 1 : 0)
        .put("limit", sent.size());
    if (!alias.isEmpty()) {
      body.put("fromAlias", alias);
    }
    PlatformHttp.Reply reply = http.post(http.endpoint().url("email", "sendBatch"), body);
    out.putAll(SendOutcomes.of(sent, reply, http));
    return new BatchOutcome(out);
  }

  private static ObjectNode message(OutboundMessage m, InternetAddress to, String html) {
    ObjectNode node =
        MAPPER
            .createObjectNode()
            .put("outId", m.idempotencyKey())
            .put("toAddress", to.getAddress())
            .put("subject", m.subject() == null ? "" : m.subject())
            .put("htmlBody", html)
            .put("textBody", m.body() == null ? "" : m.body());
    String unsubscribe = m.variables().get(SmtpEmailConnector.UNSUBSCRIBE_URL);
    if (unsubscribe != null && unsubscribe.matches("https?://[^\\s<>]+")) {
      node.putObject("headers")
          .put("List-Unsubscribe", "<" + unsubscribe + ">")
          .put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    return node;
  }

  /** The plain text as HTML: escaped, line breaks kept. */
  static String html(String text) {
    return HtmlText.fromPlainText(text);
  }

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

  @Override
  public String toString() {
    return "HttpEmailConnector[" + http.endpoint() + "]";
  }
}

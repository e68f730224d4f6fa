package io.cairn.connectors.sms;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.cairn.connectors.http.RequestProgress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends SMS through any gateway that implements Cairn's generic HTTP contract, one request per
 * batch. The contract, which a gateway (or a small adapter in front of a vendor's API) implements:
 *
 * <h2>Request</h2>
 *
 * <pre>{@code
 * POST {url}
 * Content-Type: application/json; charset=utf-8
 * {apiKeyHeader}: {apiKey}                        (X-Api-Key unless configured)
 * Idempotency-Key: <hex SHA-256 of the batch's message ids, sorted>
 *
 * {"messages":[{"id":"<idempotency key>","to":"<mobile>","text":"【signature】<text>"}, ...]}
 * }</pre>
 *
 * <p>{@code id} is unique per recipient and per journey action and stays the same when Cairn sends
 * the message again after a retryable failure: a gateway must accept each id at most once. The
 * {@code text} is final (placeholders already filled in); the {@code 【signature】} prefix is left
 * out when the node has no signature, and a PROMOTIONAL node's text ends with its opt-out suffix
 * ({@link SmsText#of}).
 *
 * <h2>Answer</h2>
 *
 * <pre>{@code
 * 2xx {"results":[{"id":"<id>","status":"accepted","providerMessageId":"<gateway's id>"},
 *                 {"id":"<id>","status":"rejected","code":"<gateway code>","message":"<why>"}]}
 * }</pre>
 *
 * <h2>Outcomes</h2>
 *
 * <ul>
 *   <li>2xx: per result, {@code accepted} is {@link Outcome.Sent} with the {@code
 *       providerMessageId}, {@code rejected} is {@link Outcome.Rejected} with {@code code} and
 *       {@code message}; a message missing from the results, a result with another status, or a
 *       body that is not such JSON is {@link Outcome.Ambiguous} (the gateway got the batch, nothing
 *       says what it did with that message).
 *   <li>429 and 5xx: {@link Outcome.Retryable} for the whole batch; the ids let the gateway drop
 *       what it already took if the ledger sends them again.
 *   <li>Any other status (4xx, 3xx: redirects are never followed): {@link Outcome.Rejected} for the
 *       whole batch with the status as code; sending it again would not help.
 *   <li>No connection (refused, unknown host, connect or TLS failure, time-out before the request
 *       was written): {@link Outcome.Retryable}, the gateway cannot have the batch.
 *   <li>Failure once the request started going out (read time-out, reset, connection closed
 *       without an answer): {@link Outcome.Ambiguous}, the gateway may have the batch.
 * </ul>
 *
 * <p>The connector never retries (its client has OkHttp's retries off, see {@code OutboundHttp})
 * and never throws from {@link #deliver}. It logs nothing: numbers and texts are personal data.
 * Thread-safe; one instance serves all journeys.
 */
public final class HttpSmsConnector implements ChannelConnector<SmsSettings> {

  /** The connector id. */
  public static final String ID = "sms.http";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient client;
  private final HttpSmsProvider provider;
  private final HttpUrl url;

  /**
   * @param shared the application's shared client ({@code OutboundHttp.newSharedClient()}); this
   *     connector derives its own with the provider's timeout, sharing the pool. Any event listener
   *     of the shared client is replaced by the one this connector uses to tell "never sent" from
   *     "maybe sent"
   * @param provider the gateway to send to
   */
  public HttpSmsConnector(OkHttpClient shared, HttpSmsProvider provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.url = HttpUrl.get(provider.url());
    this.client =
        RequestProgress.install(shared.newBuilder())
            .callTimeout(provider.timeout())
            .readTimeout(provider.timeout())
            .build();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public Set<IdType> acceptedIds() {
    return Set.of(IdType.MOBILE);
  }

  @Override
  public Class<SmsSettings> settingsType() {
    return SmsSettings.class;
  }

  @Override
  public int maxBatchSize() {
    return provider.maxBatchSize();
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<SmsSettings> batch) {
    List<OutboundMessage> messages = batch.messages();
    RequestProgress progress = new RequestProgress();
    try {
      Request request = request(batch, progress);
      try (Response response = client.newCall(request).execute()) {
        return outcomes(messages, response);
      }
    } catch (IOException | RuntimeException e) {
      String failure = e.getClass().getSimpleName();
      return progress.started()
          ? BatchOutcome.all(messages, new Outcome.Ambiguous("no answer from gateway: " + failure))
          : BatchOutcome.all(messages, new Outcome.Retryable("gateway not reached: " + failure));
    }
  }

  private Request request(DeliveryBatch<SmsSettings> batch, RequestProgress progress) {
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode array = body.putArray("messages");
    for (OutboundMessage m : batch.messages()) {
      array
          .addObject()
          .put("id", m.idempotencyKey())
          .put("to", m.address())
          .put("text", SmsText.of(batch.settings(), m.body()));
    }
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .header(provider.apiKeyHeader(), provider.apiKey())
            .header("Idempotency-Key", batchKey(batch.messages()))
            .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON));
    return RequestProgress.track(request, progress).build();
  }

  private static BatchOutcome outcomes(List<OutboundMessage> messages, Response response) {
    int status = response.code();
    if (status == 429 || status >= 500) {
      return BatchOutcome.all(messages, new Outcome.Retryable("gateway answered HTTP " + status));
    }
    if (status < 200 || status >= 300) {
      String reason = "gateway refused the batch: HTTP " + status + " " + response.message();
      return BatchOutcome.all(
          messages, new Outcome.Rejected(String.valueOf(status), shorten(reason.strip())));
    }
    Map<String, JsonNode> results = results(response.body());
    if (results == null) {
      return BatchOutcome.all(messages, new Outcome.Ambiguous("unreadable gateway answer"));
    }
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (OutboundMessage m : messages) {
      JsonNode result = results.get(m.idempotencyKey());
      out.put(
          m.idempotencyKey(),
          result == null
              ? new Outcome.Ambiguous("missing from the gateway answer")
              : outcome(result));
    }
    return new BatchOutcome(out);
  }

  /** The results by id, or {@code null} when the body is not the contract's JSON. */
  private static Map<String, JsonNode> results(ResponseBody body) {
    if (body == null) {
      return null;
    }
    JsonNode results;
    try (InputStream in = body.byteStream()) {
      results = MAPPER.readTree(in).get("results");
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (results == null || !results.isArray()) {
      return null;
    }
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode r : results) {
      if (r.path("id").isTextual()) {
        byId.putIfAbsent(r.get("id").asText(), r);
      }
    }
    return byId;
  }

  private static Outcome outcome(JsonNode result) {
    String status = result.path("status").asText("");
    return switch (status) {
      case "accepted" -> new Outcome.Sent(result.path("providerMessageId").asText(null));
      case "rejected" ->
          new Outcome.Rejected(
              shorten(result.path("code").asText("rejected")),
              shorten(result.path("message").asText("")));
      default -> new Outcome.Ambiguous("unknown result status from gateway");
    };
  }

  private static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200);
  }

  /** Order-independent, so that the same messages give the same key however they were batched. */
  private static String batchKey(List<OutboundMessage> messages) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      messages.stream()
          .map(OutboundMessage::idempotencyKey)
          .sorted()
          .forEach(
              key -> {
                sha.update(key.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
              });
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "HttpSmsConnector[" + provider + "]";
  }
}

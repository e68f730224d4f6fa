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
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * SMS through Cairn's generic HTTP gateway contract, one request per batch.
 *
 * <p>Request: {@code POST {url}} with {@code {apiKeyHeader}: {apiKey}}, {@code Idempotency-Key:
 * <sha-256 of the batch's keys>} and {@code {"messages":[{"id":"<idempotency key>","to":"<mobile>",
 * "text":"【signature】text"}]}}. Response 2xx: {@code {"results":[{"id":"…","status":"accepted" |
 * "rejected","code":"…","message":"…","providerMessageId":"…"}]}}.
 *
 * <p>Outcomes: per result; a message missing from the results, an unreadable 2xx body, or a
 * failure after the request may have been sent (read timeout, reset) is AMBIGUOUS; 429 and 5xx are
 * RETRYABLE (each message carries its idempotency key, so a gateway dedupes); other 4xx are
 * REJECTED; a connection that never opened is RETRYABLE. Never retries itself. Thread-safe.
 */
public final class HttpSmsConnector implements ChannelConnector<SmsSettings> {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient client;
  private final HttpSmsProvider provider;

  /**
   * @param shared the application's shared client (see {@code OutboundHttp})
   */
  public HttpSmsConnector(OkHttpClient shared, HttpSmsProvider provider) {
    this.client =
        shared.newBuilder().callTimeout(provider.timeout()).readTimeout(provider.timeout()).build();
    this.provider = provider;
  }

  @Override
  public String id() {
    return "sms.http";
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
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode messages = body.putArray("messages");
    for (OutboundMessage m : batch.messages()) {
      messages
          .addObject()
          .put("id", m.idempotencyKey())
          .put("to", m.address())
          .put("text", SmsText.withSignature(batch.settings().signature(), m.body()));
    }
    Request request =
        new Request.Builder()
            .url(provider.url())
            .header(provider.apiKeyHeader(), provider.apiKey() == null ? "" : provider.apiKey())
            .header("Idempotency-Key", batchKey(batch))
            .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON))
            .build();
    try (Response response = client.newCall(request).execute()) {
      return outcomes(batch, response);
    } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
      return BatchOutcome.all(batch.messages(), new Outcome.Retryable("cannot connect: " + e.getClass().getSimpleName()));
    } catch (IOException e) {
      // Anything else may have happened after the gateway read the request.
      return BatchOutcome.all(batch.messages(), new Outcome.Ambiguous("no answer: " + e.getClass().getSimpleName()));
    }
  }

  private static BatchOutcome outcomes(DeliveryBatch<SmsSettings> batch, Response response)
      throws IOException {
    int status = response.code();
    if (status == 429 || status >= 500) {
      return BatchOutcome.all(batch.messages(), new Outcome.Retryable("gateway answered " + status));
    }
    if (status >= 300) {
      return BatchOutcome.all(
          batch.messages(), new Outcome.Rejected(String.valueOf(status), "gateway refused the batch"));
    }
    JsonNode results;
    try {
      results = MAPPER.readTree(response.body() == null ? "" : response.body().string()).get("results");
    } catch (IOException e) {
      results = null;
    }
    if (results == null || !results.isArray()) {
      return BatchOutcome.all(batch.messages(), new Outcome.Ambiguous("unreadable gateway answer"));
    }
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (JsonNode r : results) {
      String id = r.path("id").asText();
      out.put(
          id,
          "accepted".equals(r.path("status").asText())
              ? new Outcome.Sent(r.path("providerMessageId").asText(null))
              : new Outcome.Rejected(r.path("code").asText("rejected"), r.path("message").asText("")));
    }
    for (OutboundMessage m : batch.messages()) {
      out.putIfAbsent(m.idempotencyKey(), new Outcome.Ambiguous("missing from the gateway answer"));
    }
    out.keySet().retainAll(batch.messages().stream().map(OutboundMessage::idempotencyKey).toList());
    return new BatchOutcome(out);
  }

  private static String batchKey(DeliveryBatch<?> batch) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (OutboundMessage m : batch.messages()) {
        sha.update(m.idempotencyKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "HttpSmsConnector[" + provider + "]";
  }
}

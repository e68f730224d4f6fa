package io.cairn.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.TextTemplate;
import io.cairn.connectors.http.ForbiddenTargetException;
import io.cairn.connectors.http.PerMessageCall;
import io.cairn.connectors.http.RequestProgress;
import io.cairn.connectors.http.SsrfGuard;
import io.cairn.connectors.webhook.internal.WebhookPayload;
import io.cairn.connectors.webhook.internal.WebhookSignatures;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Calls a registered webhook once per recipient: the reference product's custom channel. The
 * receiving system (a CRM, a coupon service) gets one signed JSON POST per user.
 *
 * <h2>Request</h2>
 *
 * <pre>{@code
 * POST {webhook url}                               (+ ?timestamp=…&nonce=… for SORTED_KEY)
 * Content-Type: application/json; charset=utf-8
 * Idempotency-Key: <message idempotency key>
 * webhook-id: <same key>                           (STANDARD_WEBHOOKS)
 * webhook-timestamp: <Unix seconds>                (STANDARD_WEBHOOKS)
 * webhook-signature: v1,<base64 HMAC-SHA256>       (STANDARD_WEBHOOKS)
 * X-QA-Hmac-Signature: <hex HMAC-SHA256>           (SORTED_KEY)
 *
 * {"user_profile":{"target_type":"MOBILE","target_id":"…"},
 *  "params":{…rendered…},"vars":{…},
 *  "callback_params":{"message_id":"<key>","webhook_id":"<id>","send_time":"<ms>"}}
 * }</pre>
 *
 * <p>The key stays the same when the ledger sends a message again, so the receiver can drop
 * duplicates; timestamp, nonce and signature are fresh on every attempt. See {@link SigningScheme}
 * for both signatures and {@code WebhookPayload} for the body.
 *
 * <h2>Outcomes, per recipient</h2>
 *
 * <ul>
 *   <li>2xx: {@link Outcome.Sent}. A body in the reference's answer format {@code
 *       {"code":"OK","message":"","requestId":"…"}} is honoured: {@code OK} is sent (with {@code
 *       requestId} as the provider message id), any other {@code code} is {@link Outcome.Rejected}
 *       with that code. Any other 2xx body is a plain success.
 *   <li>408, 429, 5xx: {@link Outcome.Retryable}.
 *   <li>Other statuses (4xx, and 3xx since redirects are never followed): {@link Outcome.Rejected}
 *       with the status as code.
 *   <li>Not connected (refused, unknown host, connect or TLS failure): {@link Outcome.Retryable}.
 *   <li>Failure once the request started going out (read time-out, reset, cut-off answer): {@link
 *       Outcome.Ambiguous}.
 *   <li>URL refused by the {@link SsrfGuard} (by the URL itself or by what its host resolves to):
 *       {@link Outcome.Rejected} with code {@value #FORBIDDEN_TARGET}; no connection is made.
 *   <li>Unknown webhook, an identity type it does not accept: {@link Outcome.Rejected}, nothing
 *       sent. A parameter variable without a value under the SKIP policy: {@link Outcome.Rejected}
 *       with code {@value #EMPTY_VARIABLE}, nothing sent for that recipient (the engine normally
 *       skips such recipients before calling; this is the safety net).
 * </ul>
 *
 * <p>The requests of a batch run concurrently on the shared client's dispatcher, within its
 * per-host limit. The connector never retries, never throws from {@link #deliver} and logs nothing
 * (identities and parameter values are personal data). Thread-safe; one instance serves all
 * journeys and webhooks.
 */
public final class WebhookConnector implements ChannelConnector<WebhookSettings> {

  /** The connector id. */
  public static final String ID = "webhook";

  /** Recipients per batch: each is its own request, so batches stay small. */
  public static final int MAX_BATCH_SIZE = 100;

  /** Header of the {@link SigningScheme#SORTED_KEY} signature. */
  public static final String SORTED_KEY_SIGNATURE_HEADER = "X-QA-Hmac-Signature";

  /** Rejection code when the SSRF guard refuses the webhook's URL. */
  public static final String FORBIDDEN_TARGET = PerMessageCall.FORBIDDEN_TARGET;

  /** Rejection code when a parameter variable has no value under the SKIP policy. */
  public static final String EMPTY_VARIABLE = "empty-variable";

  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_ANSWER_BYTES = 16 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OkHttpClient base;
  private final SsrfGuard guard;
  private final WebhookDirectory directory;
  private final Clock clock;
  private final Map<Duration, OkHttpClient> clientsByTimeout = new ConcurrentHashMap<>();

  /**
   * @param shared the application's shared client ({@code OutboundHttp.newSharedClient()}); this
   *     connector derives its own from it through {@code guard}, sharing pool and dispatcher. Any
   *     event listener of the shared client is replaced
   * @param guard the operator's SSRF guard; every webhook URL and every address it resolves to
   *     passes it
   * @param directory the registered webhooks
   * @param clock stamps {@code webhook-timestamp} and {@code send_time}
   */
  public WebhookConnector(
      OkHttpClient shared, SsrfGuard guard, WebhookDirectory directory, Clock clock) {
    this.guard = Objects.requireNonNull(guard, "guard");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.base = RequestProgress.install(guard.protect(shared)).build();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Channel channel() {
    return Channel.WEBHOOK;
  }

  /** Every identity type: the node's {@link WebhookSettings#idType()} chooses one. */
  @Override
  public Set<IdType> acceptedIds() {
    return EnumSet.allOf(IdType.class);
  }

  /** The node's {@link WebhookSettings#idType()}: every recipient is addressed by that type. */
  @Override
  public IdType idTypeFor(WebhookSettings settings) {
    return settings == null ? ChannelConnector.super.idTypeFor(null) : settings.idType();
  }

  @Override
  public Class<WebhookSettings> settingsType() {
    return WebhookSettings.class;
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH_SIZE;
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<WebhookSettings> batch) {
    List<OutboundMessage> messages = batch.messages();
    WebhookSettings settings = batch.settings();
    WebhookEndpoint endpoint;
    Map<String, TextTemplate> templates = new LinkedHashMap<>();
    try {
      Optional<WebhookEndpoint> found = directory.find(settings.webhook());
      if (found.isEmpty()) {
        return BatchOutcome.all(
            messages,
            new Outcome.Rejected(
                "unknown-webhook", "webhook " + settings.webhook() + " is not registered"));
      }
      endpoint = found.get();
      settings.parameters().forEach((k, v) -> templates.put(k, TextTemplate.parse(v)));
    } catch (RuntimeException e) {
      return BatchOutcome.all(
          messages,
          new Outcome.Retryable("webhook registry failed: " + e.getClass().getSimpleName()));
    }
    if (!endpoint.idTypes().contains(settings.idType())) {
      return BatchOutcome.all(
          messages,
          new Outcome.Rejected(
              "id-type",
              "webhook " + endpoint.id() + " does not accept " + settings.idType().code()));
    }
    HttpUrl url;
    try {
      url = guard.check(endpoint.url());
    } catch (ForbiddenTargetException e) {
      return BatchOutcome.all(messages, new Outcome.Rejected(FORBIDDEN_TARGET, e.getMessage()));
    }
    OkHttpClient client = clientFor(endpoint.timeout());
    Map<String, CompletableFuture<Outcome>> pending = new LinkedHashMap<>();
    for (OutboundMessage m : messages) {
      pending.put(m.idempotencyKey(), send(client, endpoint, url, settings, templates, m));
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    pending.forEach((key, outcome) -> outcomes.put(key, outcome.join()));
    return new BatchOutcome(outcomes);
  }

  private CompletableFuture<Outcome> send(
      OkHttpClient client,
      WebhookEndpoint endpoint,
      HttpUrl url,
      WebhookSettings settings,
      Map<String, TextTemplate> templates,
      OutboundMessage m) {
    Optional<WebhookPayload.Rendered> rendered =
        WebhookPayload.render(
            templates, m.variables(), settings.onEmptyValue(), settings.replacement());
    if (rendered.isEmpty()) {
      String missing =
          templates.values().stream()
              .flatMap(t -> t.firstEmptyVariable(m.variables()).stream())
              .findFirst()
              .orElse("?");
      return CompletableFuture.completedFuture(
          new Outcome.Rejected(EMPTY_VARIABLE, "no value for ${" + missing + "}"));
    }
    Request.Builder request;
    try {
      request = request(endpoint, url, settings, rendered.get(), m);
    } catch (RuntimeException e) {
      // e.g. an idempotency key a header cannot carry: sending it again would fail the same way
      return CompletableFuture.completedFuture(
          new Outcome.Rejected("invalid-message", e.getClass().getSimpleName()));
    }
    return PerMessageCall.start(client, request, WebhookConnector::answer);
  }

  private Request.Builder request(
      WebhookEndpoint endpoint,
      HttpUrl url,
      WebhookSettings settings,
      WebhookPayload.Rendered rendered,
      OutboundMessage m) {
    Instant now = clock.instant();
    String key = m.idempotencyKey();
    byte[] body =
        WebhookPayload.body(settings.idType(), m.address(), rendered, key, endpoint.id(), now);
    String timestamp = String.valueOf(now.getEpochSecond());
    Request.Builder request =
        new Request.Builder()
            .header("Idempotency-Key", key)
            .post(RequestBody.create(body, JSON_TYPE));
    switch (endpoint.signing()) {
      case STANDARD_WEBHOOKS -> {
        byte[] secret = WebhookSignatures.standardKey(endpoint.secret());
        request
            .url(url)
            .header("webhook-id", key)
            .header("webhook-timestamp", timestamp)
            .header(
                "webhook-signature",
                WebhookSignatures.standard(secret, key, now.getEpochSecond(), body));
      }
      case SORTED_KEY -> {
        String nonce = nonce();
        request
            .url(
                url.newBuilder()
                    .setQueryParameter("timestamp", timestamp)
                    .setQueryParameter("nonce", nonce)
                    .build())
            .header(
                SORTED_KEY_SIGNATURE_HEADER,
                WebhookSignatures.sorted(endpoint.secret(), timestamp, nonce));
      }
    }
    return request;
  }

  private static Outcome answer(Response response) throws IOException {
    int status = response.code();
    if (status == 408 || status == 429 || status >= 500) {
      return new Outcome.Retryable("receiver answered HTTP " + status);
    }
    if (status < 200 || status >= 300) {
      return new Outcome.Rejected(String.valueOf(status), "receiver refused: HTTP " + status);
    }
    String text = response.peekBody(MAX_ANSWER_BYTES).string();
    JsonNode answer;
    try {
      answer = text.isBlank() ? null : JSON.readTree(text);
    } catch (IOException e) {
      answer = null; // any 2xx body counts; only the reference's answer format says more
    }
    if (answer == null || !answer.isObject() || !answer.path("code").isTextual()) {
      return new Outcome.Sent(null);
    }
    String code = answer.get("code").asText();
    if (code.equals("OK")) {
      String requestId = answer.path("requestId").asText("");
      return new Outcome.Sent(requestId.isBlank() ? null : shorten(requestId));
    }
    String message = answer.path("message").asText("");
    return new Outcome.Rejected(
        shorten(code), shorten(message.isBlank() ? "receiver answered code " + code : message));
  }

  private OkHttpClient clientFor(Duration timeout) {
    return clientsByTimeout.computeIfAbsent(
        timeout, t -> base.newBuilder().callTimeout(t).readTimeout(t).build());
  }

  private static String nonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200);
  }

  @Override
  public String toString() {
    return "WebhookConnector[" + guard + "]";
  }
}

package io.cairn.connectors.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.http.ForbiddenTargetException;
import io.cairn.connectors.http.PerMessageCall;
import io.cairn.connectors.http.RequestProgress;
import io.cairn.connectors.http.SsrfGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends push notifications through a provider speaking the FCM HTTP v1 protocol, one request per
 * registration token (v1 has no multicast).
 *
 * <h2>Request</h2>
 *
 * <pre>{@code
 * POST {baseUrl}/v1/projects/{projectId}/messages:send
 * Authorization: Bearer <access token>
 * Content-Type: application/json; charset=utf-8
 *
 * {"message":{"token":"<registration token>",
 *             "notification":{"title":"<subject>","body":"<body>"},
 *             "data":{"deep_link":"<settings.deepLink>"}}}      (data only with a deep link)
 * }</pre>
 *
 * <h2>Outcomes, per token</h2>
 *
 * <p>FCM reports errors as {@code {"error":{"code":404,"status":"NOT_FOUND","message":"…",
 * "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError",
 * "errorCode":"UNREGISTERED"}]}}}. The {@code FcmError} code decides, else the {@code status}, else
 * the HTTP status:
 *
 * <ul>
 *   <li>2xx: {@link Outcome.Sent} with the message {@code name} as provider message id.
 *   <li>{@code UNREGISTERED}, {@code INVALID_ARGUMENT}, {@code SENDER_ID_MISMATCH}, {@code
 *       NOT_FOUND}: {@link Outcome.Rejected} with that code: this token will not work again.
 *   <li>{@code UNAVAILABLE}, {@code INTERNAL}, {@code QUOTA_EXCEEDED}, {@code RESOURCE_EXHAUSTED},
 *       HTTP 429 and 5xx: {@link Outcome.Retryable}.
 *   <li>{@code THIRD_PARTY_AUTH_ERROR}, {@code UNAUTHENTICATED}, {@code PERMISSION_DENIED} and HTTP
 *       401/403 without a more specific code: {@link Outcome.Retryable}; Cairn's own credentials or
 *       APNs setup are wrong, not the recipient's token, and the ledger's retries end in a visible
 *       incident rather than failing every recipient for good.
 *   <li>Any other answer: {@link Outcome.Rejected} with the code or HTTP status.
 *   <li>Not connected: {@link Outcome.Retryable}; failure once the request started going out (read
 *       time-out, reset, cut-off answer): {@link Outcome.Ambiguous}; host refused by the {@link
 *       SsrfGuard} when resolved: {@link Outcome.Rejected} {@code forbidden-target}.
 * </ul>
 *
 * <p>The requests of a batch run concurrently on the shared client's dispatcher. Never retries,
 * never throws from {@link #deliver}, logs nothing (tokens and texts are personal data).
 * Thread-safe.
 */
public final class FcmPushConnector implements ChannelConnector<PushSettings> {

  /** The connector id. */
  public static final String ID = "push.fcm";

  /** Tokens per batch: each is its own request. */
  public static final int MAX_BATCH_SIZE = 100;

  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_ANSWER_BYTES = 16 * 1024;
  private static final Set<String> TOKEN_GONE =
      Set.of("UNREGISTERED", "INVALID_ARGUMENT", "SENDER_ID_MISMATCH", "NOT_FOUND");
  private static final Set<String> TRANSIENT =
      Set.of(
          "UNAVAILABLE",
          "INTERNAL",
          "QUOTA_EXCEEDED",
          "RESOURCE_EXHAUSTED",
          "THIRD_PARTY_AUTH_ERROR",
          "UNAUTHENTICATED",
          "PERMISSION_DENIED");

  private final OkHttpClient client;
  private final PushProvider provider;
  private final PushCredentials credentials;
  private final HttpUrl sendUrl;

  /**
   * @param shared the application's shared client; this connector derives its own through {@code
   *     guard} with the provider's timeout, sharing pool and dispatcher. Any event listener of the
   *     shared client is replaced
   * @param guard the operator's SSRF guard; the base URL and every address it resolves to pass it
   * @param provider where to send
   * @param credentials the access token source
   * @throws IllegalArgumentException if the guard refuses the base URL
   */
  public FcmPushConnector(
      OkHttpClient shared, SsrfGuard guard, PushProvider provider, PushCredentials credentials) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.sendUrl = provider.sendUrl();
    try {
      guard.check(sendUrl);
    } catch (ForbiddenTargetException e) {
      throw new IllegalArgumentException("push baseUrl: " + e.getMessage(), e);
    }
    this.client =
        RequestProgress.install(guard.protect(shared))
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
    return Channel.PUSH;
  }

  @Override
  public Set<IdType> acceptedIds() {
    return Set.of(provider.tokenIdType());
  }

  @Override
  public Class<PushSettings> settingsType() {
    return PushSettings.class;
  }

  @Override
  public int maxBatchSize() {
    return MAX_BATCH_SIZE;
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<PushSettings> batch) {
    List<OutboundMessage> messages = batch.messages();
    String token;
    try {
      token = credentials.accessToken();
    } catch (RuntimeException e) {
      return BatchOutcome.all(messages, new Outcome.Retryable("no access token: " + name(e)));
    }
    if (token == null || token.isBlank() || !isHeaderSafe(token)) {
      return BatchOutcome.all(messages, new Outcome.Retryable("no usable access token"));
    }
    String deepLink = batch.settings() == null ? null : batch.settings().deepLink();
    Map<String, CompletableFuture<Outcome>> pending = new LinkedHashMap<>();
    for (OutboundMessage m : messages) {
      Request.Builder request =
          new Request.Builder()
              .url(sendUrl)
              .header("Authorization", "Bearer " + token)
              .post(RequestBody.create(body(m, deepLink), JSON_TYPE));
      pending.put(
          m.idempotencyKey(), PerMessageCall.start(client, request, FcmPushConnector::answer));
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    pending.forEach((key, outcome) -> outcomes.put(key, outcome.join()));
    return new BatchOutcome(outcomes);
  }

  private static byte[] body(OutboundMessage m, String deepLink) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode message = root.putObject("message");
    message.put("token", m.address());
    message
        .putObject("notification")
        .put("title", m.subject() == null ? "" : m.subject())
        .put("body", m.body() == null ? "" : m.body());
    if (deepLink != null) {
      message.putObject("data").put("deep_link", deepLink);
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Outcome answer(Response response) throws IOException {
    int status = response.code();
    boolean success = status >= 200 && status < 300;
    String text;
    try {
      text = response.peekBody(MAX_ANSWER_BYTES).string();
    } catch (IOException e) {
      if (success) {
        throw e; // accepted or not, nobody can tell: ambiguous
      }
      text = ""; // the status alone decides a failure
    }
    JsonNode answer = read(text);
    if (success) {
      String name = answer.path("name").asText("");
      return new Outcome.Sent(name.isBlank() ? null : shorten(name));
    }
    JsonNode error = answer.path("error");
    String code = fcmErrorCode(error);
    if (code == null) {
      code = error.path("status").isTextual() ? error.get("status").asText() : null;
    }
    String reason = shorten(error.path("message").asText("provider answered HTTP " + status));
    if (code != null && TOKEN_GONE.contains(code)) {
      return new Outcome.Rejected(code, reason);
    }
    if ((code != null && TRANSIENT.contains(code))
        || status == 401
        || status == 403
        || status == 408
        || status == 429
        || status >= 500) {
      return new Outcome.Retryable((code != null ? code : "HTTP " + status) + ": " + reason);
    }
    return new Outcome.Rejected(code != null ? shorten(code) : String.valueOf(status), reason);
  }

  private static String fcmErrorCode(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      if (detail.path("@type").asText("").endsWith("google.firebase.fcm.v1.FcmError")
          && detail.path("errorCode").isTextual()) {
        return detail.get("errorCode").asText();
      }
    }
    return null;
  }

  private static JsonNode read(String text) {
    try {
      JsonNode node = text.isBlank() ? null : JSON.readTree(text);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static boolean isHeaderSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < ' ' || c >= 0x7f)) {
        return false;
      }
    }
    return true;
  }

  private static String name(Exception e) {
    return e.getClass().getSimpleName();
  }

  private static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200);
  }

  @Override
  public String toString() {
    return "FcmPushConnector[" + provider + "]";
  }
}

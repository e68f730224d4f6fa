package io.cairn.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.http.OutboundHttp;
import io.cairn.connectors.http.SsrfGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookConnectorIT extends ConnectorContract<WebhookSettings> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient SHARED = OutboundHttp.newSharedClient();
  private static final Duration TIMEOUT = Duration.ofMillis(800);
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
  private static final SsrfGuard TEST_GUARD = SsrfGuard.allowing(List.of("localhost", "127.0.0.1"));

  private MockWebServer server;
  private ScriptedReceiver receiver;
  private WebhookConnector connector;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = new ScriptedReceiver();
    server = new MockWebServer();
    server.setDispatcher(receiver);
    server.start(InetAddress.getLoopbackAddress(), 0);
    connector = connectorFor(endpoint("crm", SigningScheme.STANDARD_WEBHOOKS, SECRET));
  }

  @AfterEach
  void stopReceiver() throws IOException {
    server.shutdown();
  }

  @AfterAll
  static void releaseClient() {
    SHARED.dispatcher().executorService().shutdown();
    SHARED.connectionPool().evictAll();
  }

  private WebhookEndpoint endpoint(String id, SigningScheme signing, String secret) {
    return endpoint(id, server.url("/hooks/crm?src=cairn").toString(), signing, secret);
  }

  private static WebhookEndpoint endpoint(
      String id, String url, SigningScheme signing, String secret) {
    return new WebhookEndpoint(
        id, url, signing, secret, Set.of(IdType.MOBILE, IdType.OPENID), TIMEOUT);
  }

  private static WebhookConnector connectorFor(WebhookEndpoint... endpoints) {
    return new WebhookConnector(SHARED, TEST_GUARD, WebhookDirectory.of(List.of(endpoints)), CLOCK);
  }

  @Override
  protected ChannelConnector<WebhookSettings> connector() {
    return connector;
  }

  @Override
  protected WebhookSettings settings() {
    return new WebhookSettings("crm", IdType.MOBILE, "{\"coupon\":\"C-10\"}", null, null);
  }

  @Override
  protected String address(int i) {
    return "+86138000000" + String.format("%02d", i);
  }

  @Override
  protected boolean sendsOneRequestPerMessage() {
    return true;
  }

  @Override
  protected void providerAccepts() {
    // the receiver accepts whatever is not scripted
  }

  @Override
  protected void providerFailsTransiently() {
    for (int i = 0; i < FAILING_BATCH_SIZE; i++) {
      receiver.then(new MockResponse().setResponseCode(503));
    }
  }

  @Override
  protected void providerResetsConnection() {
    warmUpPooledConnection();
    for (int i = 0; i < FAILING_BATCH_SIZE; i++) {
      receiver.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }
  }

  /** Leaves a kept-alive connection in the pool, the one OkHttp would retry on if it could. */
  private void warmUpPooledConnection() {
    BatchOutcome warmUp = connector.deliver(batchOf(settings(), message("warm-up", 99)));
    assertThat(warmUp.outcomeFor("warm-up")).isInstanceOf(Outcome.Sent.class);
  }

  @Override
  protected int providerRequests() {
    return server.getRequestCount();
  }

  private static DeliveryBatch<WebhookSettings> batchOf(
      WebhookSettings settings, OutboundMessage... messages) {
    return new DeliveryBatch<>(settings, List.of(messages));
  }

  private OutboundMessage message(String key, int i) {
    return new OutboundMessage(key, address(i), null, null);
  }

  private List<RecordedRequest> takeRequests(int n) throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      requests.add(server.takeRequest());
    }
    requests.sort(Comparator.comparing(r -> r.getHeader("Idempotency-Key")));
    return requests;
  }

  @Test
  void shouldPostOneSignedJsonRequestPerRecipientWithRenderedParameters() throws Exception {
    WebhookSettings settings =
        new WebhookSettings(
            "crm",
            IdType.OPENID,
            "{\"coupon\":\"C-10\",\"text\":\"Hi ${first_name}, see you in ${city}\"}",
            EmptyValuePolicy.SKIP,
            null);
    BatchOutcome outcome =
        connector.deliver(
            batchOf(
                settings,
                new OutboundMessage(
                    "k-0", "o-0", null, null, Map.of("first_name", "Ana", "city", "北京")),
                new OutboundMessage(
                    "k-1", "o-1", null, null, Map.of("first_name", "Bo", "city", "Oslo"))));

    assertThat(outcome.outcomeFor("k-0")).isEqualTo(new Outcome.Sent("r-k-0"));
    assertThat(outcome.outcomeFor("k-1")).isEqualTo(new Outcome.Sent("r-k-1"));
    List<RecordedRequest> requests = takeRequests(2);
    RecordedRequest request = requests.get(0);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/hooks/crm?src=cairn");
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(request.getHeader("Idempotency-Key")).isEqualTo("k-0");
    assertThat(request.getHeader("webhook-id")).isEqualTo("k-0");
    assertThat(request.getHeader("webhook-timestamp")).isEqualTo("" + NOW.getEpochSecond());
    byte[] body = request.getBody().readByteArray();
    assertThat(request.getHeader("webhook-signature"))
        .isEqualTo("v1," + hmacBase64(KEY, "k-0." + NOW.getEpochSecond() + "." + utf8(body)));
    assertThat(JSON.readTree(body))
        .isEqualTo(
            JSON.readTree(
                """
                {"user_profile":{"target_type":"OPEN_ID","target_id":"o-0"},
                 "params":{"coupon":"C-10","text":"Hi Ana, see you in 北京"},
                 "vars":{"city":"北京","first_name":"Ana"},
                 "callback_params":{"message_id":"k-0","webhook_id":"crm",
                                    "send_time":"%d"}}\
                """
                    .formatted(NOW.toEpochMilli())));
    JsonNode second = JSON.readTree(requests.get(1).getBody().readUtf8());
    assertThat(second.at("/params/text").asText()).isEqualTo("Hi Bo, see you in Oslo");
    assertThat(second.at("/user_profile/target_id").asText()).isEqualTo("o-1");
  }

  @Test
  void shouldSignWithTheSortedKeySchemeWhenTheWebhookUsesIt() throws Exception {
    String key = "shared key\t2024";
    connector = connectorFor(endpoint("crm", SigningScheme.SORTED_KEY, key));

    connector.deliver(batch(2));

    for (RecordedRequest request : takeRequests(2)) {
      String timestamp = request.getRequestUrl().queryParameter("timestamp");
      String nonce = request.getRequestUrl().queryParameter("nonce");
      assertThat(timestamp).isEqualTo("" + NOW.getEpochSecond());
      assertThat(nonce).matches("[0-9a-f]{32}");
      assertThat(request.getRequestUrl().queryParameter("src")).isEqualTo("cairn");
      String[] parts = {key, timestamp, nonce};
      Arrays.sort(parts);
      String signed = String.join("", parts).replaceAll("\\s+", "");
      assertThat(request.getHeader("X-QA-Hmac-Signature"))
          .isEqualTo(HexFormat.of().formatHex(hmac(key.getBytes(StandardCharsets.UTF_8), signed)));
      assertThat(request.getHeader("webhook-signature")).isNull();
      assertThat(request.getHeader("Idempotency-Key")).isNotBlank();
    }
  }

  @Test
  void shouldUseAFreshNonceButTheSameIdOnEveryAttempt() throws Exception {
    connector = connectorFor(endpoint("crm", SigningScheme.SORTED_KEY, "k"));

    connector.deliver(batch(1));
    connector.deliver(batch(1));

    RecordedRequest first = server.takeRequest();
    RecordedRequest again = server.takeRequest();
    assertThat(again.getHeader("Idempotency-Key")).isEqualTo(first.getHeader("Idempotency-Key"));
    assertThat(again.getRequestUrl().queryParameter("nonce"))
        .isNotEqualTo(first.getRequestUrl().queryParameter("nonce"));
  }

  @Test
  void shouldRejectWithoutSendingWhenAVariableIsEmptyUnderTheSkipPolicy() throws Exception {
    WebhookSettings settings =
        new WebhookSettings("crm", IdType.MOBILE, "{\"t\":\"Hi ${name}\"}", null, null);

    BatchOutcome outcome =
        connector.deliver(
            batchOf(
                settings,
                new OutboundMessage("k-0", address(0), null, null, Map.of("name", " ")),
                new OutboundMessage("k-1", address(1), null, null, Map.of("name", "Ana"))));

    assertThat(outcome.outcomeFor("k-0"))
        .isEqualTo(new Outcome.Rejected(WebhookConnector.EMPTY_VARIABLE, "no value for ${name}"));
    assertThat(outcome.outcomeFor("k-1")).isInstanceOf(Outcome.Sent.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(server.takeRequest().getHeader("Idempotency-Key")).isEqualTo("k-1");
  }

  @Test
  void shouldSendTheReplacementForAnEmptyVariableUnderTheReplacePolicy() throws Exception {
    WebhookSettings settings =
        new WebhookSettings(
            "crm", IdType.MOBILE, "{\"t\":\"Hi ${name}\"}", EmptyValuePolicy.REPLACE, "friend");

    connector.deliver(batchOf(settings, message("k-0", 0)));

    JsonNode body = JSON.readTree(server.takeRequest().getBody().readUtf8());
    assertThat(body.at("/params/t").asText()).isEqualTo("Hi friend");
    assertThat(body.at("/vars/name").asText()).isEqualTo("friend");
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void shouldReportRetryableWhenTheReceiverIsDownOrThrottles(int status) {
    receiver.then(new MockResponse().setResponseCode(status));

    BatchOutcome outcome = connector.deliver(batch(1));

    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Retryable.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 410, 422, 302})
  void shouldRejectOtherStatusesWithoutFollowingRedirects(int status) {
    receiver.then(
        new MockResponse().setResponseCode(status).setHeader("Location", server.url("/other")));

    BatchOutcome outcome = connector.deliver(batch(1));

    assertThat(outcome.outcomeFor("k-0"))
        .isEqualTo(new Outcome.Rejected("" + status, "receiver refused: HTTP " + status));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "accepted", "{\"ok\":true}", "[1,2]", "{\"code\":200}"})
  void shouldReportSentForAnySuccessAnswerOutsideTheReferenceFormat(String body) {
    receiver.then(new MockResponse().setResponseCode(body.isEmpty() ? 204 : 200).setBody(body));

    assertThat(connector.deliver(batch(1)).outcomeFor("k-0")).isEqualTo(new Outcome.Sent(null));
  }

  @Test
  void shouldHonourTheReferenceAnswerCode() {
    receiver
        .forKey("k-0", json("{\"code\":\"OK\",\"message\":\"\",\"requestId\":\"\"}"))
        .forKey("k-1", json("{\"code\":\"USER_BLOCKED\",\"message\":\"user opted out\"}"))
        .forKey("k-2", json("{\"code\":\"ok\"}"));

    BatchOutcome outcome = connector.deliver(batch(3));

    assertThat(outcome.outcomeFor("k-0")).isEqualTo(new Outcome.Sent(null));
    assertThat(outcome.outcomeFor("k-1"))
        .isEqualTo(new Outcome.Rejected("USER_BLOCKED", "user opted out"));
    assertThat(outcome.outcomeFor("k-2"))
        .as("the reference requires upper-case OK")
        .isEqualTo(new Outcome.Rejected("ok", "receiver answered code ok"));
  }

  @Test
  void shouldReportEachRecipientsOwnOutcome() {
    receiver
        .forKey("k-1", new MockResponse().setResponseCode(404))
        .forKey("k-2", new MockResponse().setResponseCode(503))
        .forKey("k-3", new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    BatchOutcome outcome = connector.deliver(batch(4));

    assertThat(outcome.outcomeFor("k-0")).isEqualTo(new Outcome.Sent("r-k-0"));
    assertThat(outcome.outcomeFor("k-1")).isInstanceOf(Outcome.Rejected.class);
    assertThat(outcome.outcomeFor("k-2")).isInstanceOf(Outcome.Retryable.class);
    assertThat(outcome.outcomeFor("k-3")).isInstanceOf(Outcome.Ambiguous.class);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void shouldReportAmbiguousWithOneRequestWhenTheReceiverNeverAnswers() {
    receiver.then(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    long start = System.nanoTime();
    BatchOutcome outcome = connector.deliver(batch(1));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldReportAmbiguousWhenTheAnswerIsCutOff() {
    receiver.then(
        json("{\"code\":\"OK\",\"requestId\":\"r\"}")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    assertThat(connector.deliver(batch(1)).outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
  }

  @Test
  void shouldReportRetryableWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    connector =
        connectorFor(
            endpoint(
                "crm",
                "http://127.0.0.1:" + port + "/hook",
                SigningScheme.STANDARD_WEBHOOKS,
                SECRET));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
  }

  @Test
  void shouldRefuseAnInternalUrlWithoutAnyRequestReachingIt() {
    WebhookConnector strict =
        new WebhookConnector(
            SHARED,
            SsrfGuard.strict(),
            WebhookDirectory.of(List.of(endpoint("crm", SigningScheme.STANDARD_WEBHOOKS, SECRET))),
            CLOCK);

    BatchOutcome outcome = strict.deliver(batch(2));

    assertThat(outcome.byKey().values())
        .hasSize(2)
        .allSatisfy(
            o -> {
              assertThat(o).isInstanceOf(Outcome.Rejected.class);
              Outcome.Rejected r = (Outcome.Rejected) o;
              assertThat(r.code()).isEqualTo(WebhookConnector.FORBIDDEN_TARGET);
              assertThat(r.reason()).contains("is a loopback");
            });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldRefuseANameThatResolvesToAnInternalAddressWithoutAnyRequestReachingIt() {
    OkHttpClient rebinding =
        SHARED.newBuilder().dns(host -> List.of(InetAddress.getLoopbackAddress())).build();
    String url = "http://hooks.example.com:" + server.getPort() + "/hook";
    WebhookConnector strict =
        new WebhookConnector(
            rebinding,
            SsrfGuard.strict(),
            WebhookDirectory.of(
                List.of(endpoint("crm", url, SigningScheme.STANDARD_WEBHOOKS, SECRET))),
            CLOCK);

    BatchOutcome outcome = strict.deliver(batch(2));

    assertThat(outcome.byKey().values())
        .hasSize(2)
        .allMatch(
            o ->
                o.equals(
                    new Outcome.Rejected(
                        WebhookConnector.FORBIDDEN_TARGET,
                        "outbound request refused: host 'hooks.example.com'"
                            + " resolves to a loopback address")));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldRejectWithoutSendingForAnUnknownWebhookOrAnIdTypeItDoesNotAccept() {
    BatchOutcome unknown =
        connector.deliver(
            batchOf(new WebhookSettings("nope", IdType.MOBILE, null, null, null), message("k", 0)));
    BatchOutcome wrongId =
        connector.deliver(
            batchOf(new WebhookSettings("crm", IdType.IMEI, null, null, null), message("k", 0)));

    assertThat(unknown.outcomeFor("k"))
        .isEqualTo(new Outcome.Rejected("unknown-webhook", "webhook nope is not registered"));
    assertThat(wrongId.outcomeFor("k"))
        .isEqualTo(new Outcome.Rejected("id-type", "webhook crm does not accept imei"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldNeverShowTheSecret() {
    WebhookEndpoint endpoint = endpoint("crm", SigningScheme.STANDARD_WEBHOOKS, SECRET);

    assertThat(endpoint.toString()).doesNotContain(SECRET).doesNotContain("/hooks/crm");
    assertThat(connector.toString()).doesNotContain(SECRET);
    String shortSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> endpoint("crm", SigningScheme.STANDARD_WEBHOOKS, shortSecret))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bytes")
        .hasMessageNotContaining(shortSecret);
    assertThatThrownBy(() -> endpoint("crm", SigningScheme.STANDARD_WEBHOOKS, "whsec_not*base64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("not*base64");
  }

  @Test
  void shouldRefuseAWebhookWithoutSecretUrlOrIdTypes() {
    assertThatThrownBy(() -> endpoint("crm", SigningScheme.SORTED_KEY, " "))
        .hasMessageContaining("secret is required");
    assertThatThrownBy(() -> endpoint("crm", "ftp://x/y", SigningScheme.SORTED_KEY, "k"))
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(
            () ->
                new WebhookEndpoint(
                    "crm", "https://x/y", SigningScheme.SORTED_KEY, "k", Set.of(), null))
        .hasMessageContaining("no identity type");
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String hmacBase64(byte[] key, String content) {
    return Base64.getEncoder().encodeToString(hmac(key, content));
  }

  private static byte[] hmac(byte[] key, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.cairn.connectors.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.http.OutboundHttp;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.connectors.sms.SmsType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

class SmsPlatformConnectorIT extends ConnectorContract<SmsSettings> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient SHARED = OutboundHttp.newSharedClient();
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  private MockWebServer server;
  private ScriptedPlatform platform;
  private SmsPlatformConnector connector;

  @BeforeEach
  void startPlatform() throws IOException {
    platform = new ScriptedPlatform();
    server = new MockWebServer();
    server.setDispatcher(platform);
    server.start(InetAddress.getLoopbackAddress(), 0);
    connector = connectorFor(server.url("/api").toString());
  }

  @AfterEach
  void stopPlatform() throws IOException {
    server.shutdown();
  }

  @AfterAll
  static void releaseClient() {
    SHARED.dispatcher().executorService().shutdown();
    SHARED.connectionPool().evictAll();
  }

  private static SmsPlatformConnector connectorFor(String prefix) {
    return new SmsPlatformConnector(
        SHARED,
        new PlatformEndpoint(prefix, ScriptedPlatform.NAME, "secret-key", null, 0, TIMEOUT, null));
  }

  @Override
  protected ChannelConnector<SmsSettings> connector() {
    return connector;
  }

  @Override
  protected SmsSettings settings() {
    return new SmsSettings(
        "Hi ${name}", EmptyValuePolicy.SKIP, "", "Cairn", SmsType.NOTIFICATION, null, "SMS_0001");
  }

  @Override
  protected String address(int i) {
    return "+86138000000" + String.format("%02d", i);
  }

  @Override
  protected void providerAccepts() {
    // the platform accepts whatever is not scripted
  }

  @Override
  protected void providerFailsTransiently() {
    platform.then(new MockResponse().setResponseCode(503));
  }

  @Override
  protected void providerResetsConnection() {
    warmUpPooledConnection();
    platform.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
  }

  /** Leaves a kept-alive connection in the pool, the case where OkHttp would silently resend. */
  private void warmUpPooledConnection() {
    BatchOutcome warmUp =
        connector.deliver(
            new DeliveryBatch<>(
                settings(), List.of(new OutboundMessage("warm-up", address(99), null, "x"))));
    assertThat(warmUp.outcomeFor("warm-up")).isInstanceOf(Outcome.Sent.class);
  }

  @Override
  protected int providerRequests() {
    return server.getRequestCount();
  }

  private DeliveryBatch<SmsSettings> withVariables(SmsSettings settings, int size) {
    List<OutboundMessage> messages = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      messages.add(
          new OutboundMessage(
              "12-" + i,
              address(i),
              null,
              "Hi Ann" + i,
              Map.of("name", "Ann" + i, "city", "Oslo")));
    }
    return new DeliveryBatch<>(settings, messages);
  }

  @Test
  void shouldPostOneBatchWithApiKeyOutIdsSignatureTemplateAndEachRecipientsValues()
      throws Exception {
    BatchOutcome outcome = connector.deliver(withVariables(settings(), 2));

    assertThat(server.getRequestCount()).isEqualTo(1);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/sms/sendBatch");
    assertThat(request.getHeader("X-Api-Key")).isEqualTo("secret-key");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(request.getBody().readUtf8());
    assertThat(body.get("outId").asText()).matches("[0-9a-f]{64}");
    assertThat(body.get("signName").asText()).isEqualTo("Cairn");
    assertThat(body.get("templateCode").asText()).isEqualTo("SMS_0001");
    assertThat(body.get("templateType").asInt()).isEqualTo(1);
    assertThat(body.get("limit").asInt()).isEqualTo(2);
    assertThat(body.has("phoneOssUrl")).isFalse();
    JsonNode recipients = body.get("recipients");
    assertThat(recipients).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode r = recipients.get(i);
      assertThat(r.get("outId").asText()).isEqualTo("12-" + i);
      assertThat(r.get("phoneNum").asText()).isEqualTo(address(i));
      assertThat(JSON.convertValue(r.get("templateParam"), Map.class))
          .isEqualTo(Map.of("name", "Ann" + i, "city", "Oslo"));
    }
    assertThat(outcome.byKey())
        .containsOnlyKeys("12-0", "12-1")
        .containsEntry("12-1", new Outcome.Sent("biz-1"));
  }

  @Test
  void shouldSendPromotionalTypeAndTheSignatureWithoutBrackets() throws Exception {
    SmsSettings promo =
        new SmsSettings(
            "t", EmptyValuePolicy.SKIP, "", " 【Cairn Shop】 ", SmsType.PROMOTIONAL, null, "SMS_9");

    connector.deliver(withVariables(promo, 1));

    JsonNode body = JSON.readTree(server.takeRequest().getBody().readUtf8());
    assertThat(body.get("templateType").asInt()).isEqualTo(2);
    assertThat(body.get("signName").asText()).isEqualTo("Cairn Shop");
  }

  @Test
  void shouldDeriveTheBatchOutIdFromTheMessageKeysOnly() throws Exception {
    DeliveryBatch<SmsSettings> batch = batch(3);
    List<OutboundMessage> reversed = new ArrayList<>(batch.messages());
    Collections.reverse(reversed);
    connector.deliver(batch);
    connector.deliver(new DeliveryBatch<>(settings(), reversed));
    connector.deliver(batch(2));

    String first = outId(server.takeRequest());
    assertThat(outId(server.takeRequest())).isEqualTo(first);
    assertThat(outId(server.takeRequest())).isNotEqualTo(first);
  }

  private static String outId(RecordedRequest r) throws IOException {
    return JSON.readTree(r.getBody().readUtf8()).get("outId").asText();
  }

  @Test
  void shouldRejectOnlyTheRecipientsThePlatformListsAsRejected() {
    platform.then(
        ScriptedPlatform.ok(
            "\"bizId\":\"b7\",\"rejected\":[{\"outId\":\"k-1\",\"code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"message\":\"bad"
                + " number\"},{\"outId\":\"not-ours\",\"code\":\"X\"}]"));

    BatchOutcome outcome = connector.deliver(batch(3));

    assertThat(outcome.byKey()).containsOnlyKeys("k-0", "k-1", "k-2");
    assertThat(outcome.outcomeFor("k-0")).isEqualTo(new Outcome.Sent("b7"));
    assertThat(outcome.outcomeFor("k-1"))
        .isEqualTo(new Outcome.Rejected("isv.MOBILE_NUMBER_ILLEGAL", "bad number"));
    assertThat(outcome.outcomeFor("k-2")).isEqualTo(new Outcome.Sent("b7"));
  }

  @Test
  void shouldRejectTheBatchWithThePlatformsCodeWhenItIsNotOk() {
    platform.then(
        ScriptedPlatform.json(
            "{\"platformName\":\"Acme SMS\",\"code\":\"isv.SMS_TEMPLATE_ILLEGAL\","
                + "\"message\":\"template not approved\",\"requestId\":\"r\"}"));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values())
        .hasSize(2)
        .containsOnly(new Outcome.Rejected("isv.SMS_TEMPLATE_ILLEGAL", "template not approved"));
  }

  @Test
  void shouldReportAmbiguousWhenAnotherPlatformAnswers() {
    platform.then(
        ScriptedPlatform.json(
            "{\"platformName\":\"Other\",\"code\":\"OK\",\"bizId\":\"b\",\"requestId\":\"r\"}"));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Ambiguous);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 429})
  void shouldReportTheBatchRetryableWhenThePlatformIsDownOrThrottles(int status) {
    platform.then(new MockResponse().setResponseCode(status));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 404, 400, 302})
  void shouldRejectTheBatchForTheContractsErrorStatuses(int status) {
    platform.then(new MockResponse().setResponseCode(status).setHeader("Location", "/elsewhere"));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values())
        .hasSize(2)
        .allSatisfy(
            o ->
                assertThat(o)
                    .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(String.valueOf(status))));
    assertThat(server.getRequestCount()).as("redirects are not followed").isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[]", ""})
  void shouldReportTheBatchAmbiguousWhenTheSuccessAnswerIsUnreadable(String body) {
    platform.then(new MockResponse().setBody(body));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Ambiguous);
  }

  @Test
  void shouldReportAmbiguousWithOneRequestWhenTheConnectionResetsWhileTheBatchIsSent() {
    warmUpPooledConnection();
    platform.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_REQUEST_BODY));

    BatchOutcome outcome = connector.deliver(withVariables(settings(), 50));

    assertThat(outcome.byKey().values()).hasSize(50).allMatch(o -> o instanceof Outcome.Ambiguous);
    // Whether MockWebServer counts the cut request depends on how far it got; a resend would be
    // counted on top, and accepted (turning the outcomes above into SENT).
    assertThat(server.getRequestCount())
        .as("the warm-up and at most the cut batch; more is a resent batch")
        .isBetween(1, 2);
  }

  @Test
  void shouldReportAmbiguousWithOneRequestWhenThePlatformNeverAnswers() {
    platform.then(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Ambiguous);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldReportAmbiguousWhenTheAnswerIsCutOff() {
    platform.then(
        ScriptedPlatform.ok("\"bizId\":\"b\"")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    BatchOutcome outcome = connector.deliver(batch(1));

    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
  }

  @Test
  void shouldReportRetryableWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    BatchOutcome outcome = connectorFor("http://127.0.0.1:" + port + "/api").deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
  }

  @Test
  void shouldRejectWithoutARequestWhenTheNodeHasNoTemplateCodeOrSignature() {
    SmsSettings noTemplate = new SmsSettings("t", EmptyValuePolicy.SKIP, "", "Cairn");
    SmsSettings noSign =
        new SmsSettings("t", EmptyValuePolicy.SKIP, "", " ", SmsType.NOTIFICATION, null, "SMS_1");

    BatchOutcome a = connector.deliver(withVariables(noTemplate, 1));
    BatchOutcome b = connector.deliver(withVariables(noSign, 1));

    assertThat(a.outcomeFor("12-0")).isInstanceOf(Outcome.Rejected.class);
    assertThat(b.outcomeFor("12-0")).isInstanceOf(Outcome.Rejected.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldNeverShowTheApiKeyAndRefuseAnInvalidEndpoint() {
    PlatformEndpoint endpoint =
        new PlatformEndpoint("http://p", "P", "secret-key", null, 0, null, null);

    assertThat(endpoint.toString()).doesNotContain("secret-key");
    assertThat(new SmsPlatformConnector(SHARED, endpoint).toString()).doesNotContain("secret-key");
    assertThat(endpoint.apiKeyHeader()).isEqualTo("X-Api-Key");
    assertThat(endpoint.maxBatchSize()).isEqualTo(500);
    assertThatThrownBy(
            () -> new PlatformEndpoint("http://p", "P", "secret\nkey", null, 0, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> new PlatformEndpoint("ftp://p", "P", "k", null, 0, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new PlatformEndpoint("http://p", "P", "k", null, 0, Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

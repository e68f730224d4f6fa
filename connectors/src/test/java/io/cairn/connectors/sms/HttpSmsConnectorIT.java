package io.cairn.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static java.nio.charset.StandardCharsets.US_ASCII;
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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

class HttpSmsConnectorIT extends ConnectorContract<SmsSettings> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient SHARED = OutboundHttp.newSharedClient();
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  private MockWebServer server;
  private ScriptedGateway gateway;
  private HttpSmsConnector connector;

  @BeforeEach
  void startGateway() throws IOException {
    gateway = new ScriptedGateway();
    server = new MockWebServer();
    server.setDispatcher(gateway);
    server.start(InetAddress.getLoopbackAddress(), 0);
    connector = connectorFor(server.url("/v1/sms").toString(), "secret-key", null);
  }

  @AfterEach
  void stopGateway() throws IOException {
    server.shutdown();
  }

  @AfterAll
  static void releaseClient() {
    SHARED.dispatcher().executorService().shutdown();
    SHARED.connectionPool().evictAll();
  }

  private static HttpSmsConnector connectorFor(String url, String apiKey, String header) {
    return new HttpSmsConnector(SHARED, new HttpSmsProvider(url, apiKey, header, 0, TIMEOUT));
  }

  @Override
  protected ChannelConnector<SmsSettings> connector() {
    return connector;
  }

  @Override
  protected SmsSettings settings() {
    return new SmsSettings("unused: the engine renders", EmptyValuePolicy.SKIP, "", "Cairn");
  }

  @Override
  protected String address(int i) {
    return "+86138000000" + String.format("%02d", i);
  }

  @Override
  protected void providerAccepts() {
    // the gateway accepts whatever is not scripted
  }

  @Override
  protected void providerFailsTransiently() {
    gateway.then(new MockResponse().setResponseCode(503));
  }

  @Override
  protected void providerResetsConnection() {
    warmUpPooledConnection();
    gateway.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
  }

  /**
   * Leaves a kept-alive connection in the pool. A request that fails on a pooled connection is the
   * one OkHttp would silently resend if its retries were on; on a fresh one it would not.
   */
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

  @Test
  void shouldPostOneJsonRequestWithApiKeyIdsAndSignedTexts() throws Exception {
    BatchOutcome outcome = connector.deliver(batch(3));

    assertThat(server.getRequestCount()).isEqualTo(1);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/sms");
    assertThat(request.getHeader("X-Api-Key")).isEqualTo("secret-key");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getHeader("Idempotency-Key")).matches("[0-9a-f]{64}");
    JsonNode messages = JSON.readTree(request.getBody().readUtf8()).get("messages");
    assertThat(messages).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode m = messages.get(i);
      assertThat(m.get("id").asText()).isEqualTo("k-" + i);
      assertThat(m.get("to").asText()).isEqualTo(address(i));
      assertThat(m.get("text").asText()).isEqualTo("【Cairn】Body " + i);
    }
    assertThat(outcome.outcomeFor("k-2")).isEqualTo(new Outcome.Sent("p-k-2"));
  }

  @Test
  void shouldSendTheTextAloneWhenTheNodeHasNoSignature() throws Exception {
    connector.deliver(
        new DeliveryBatch<>(
            new SmsSettings("t", EmptyValuePolicy.SKIP, "", " "),
            List.of(new OutboundMessage("k-0", address(0), null, "Hello 你好"))));

    JsonNode message = JSON.readTree(server.takeRequest().getBody().readUtf8()).at("/messages/0");
    assertThat(message.get("text").asText()).isEqualTo("Hello 你好");
  }

  @Test
  void shouldSendTheApiKeyInTheConfiguredHeader() throws Exception {
    connectorFor(server.url("/sms").toString(), "k2", "Authorization-Token").deliver(batch(1));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeader("Authorization-Token")).isEqualTo("k2");
    assertThat(request.getHeader("X-Api-Key")).isNull();
  }

  @Test
  void shouldDeriveTheIdempotencyKeyHeaderFromTheMessageIdsOnly() throws Exception {
    DeliveryBatch<SmsSettings> batch = batch(3);
    List<OutboundMessage> reversed = new ArrayList<>(batch.messages());
    Collections.reverse(reversed);
    connector.deliver(batch);
    connector.deliver(new DeliveryBatch<>(settings(), reversed));
    connector.deliver(batch(2));

    String first = server.takeRequest().getHeader("Idempotency-Key");
    assertThat(server.takeRequest().getHeader("Idempotency-Key")).isEqualTo(first);
    assertThat(server.takeRequest().getHeader("Idempotency-Key")).isNotEqualTo(first);
  }

  @Test
  void shouldMapEachResultAndReportMissingOrUnknownOnesAmbiguous() {
    gateway.then(
        json(
            """
            {"results":[
              {"id":"k-0","status":"accepted","providerMessageId":"p0"},
              {"id":"k-1","status":"rejected","code":"E100","message":"number blocked"},
              {"id":"k-3","status":"queued"},
              {"id":"not-ours","status":"accepted","providerMessageId":"px"}
            ]}"""));

    BatchOutcome outcome = connector.deliver(batch(4));

    assertThat(outcome.byKey()).containsOnlyKeys("k-0", "k-1", "k-2", "k-3");
    assertThat(outcome.outcomeFor("k-0")).isEqualTo(new Outcome.Sent("p0"));
    assertThat(outcome.outcomeFor("k-1")).isEqualTo(new Outcome.Rejected("E100", "number blocked"));
    assertThat(outcome.outcomeFor("k-2")).isInstanceOf(Outcome.Ambiguous.class);
    assertThat(outcome.outcomeFor("k-3")).isInstanceOf(Outcome.Ambiguous.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 429})
  void shouldReportTheBatchRetryableWhenTheGatewayIsDownOrThrottles(int status) {
    gateway.then(new MockResponse().setResponseCode(status));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422, 301})
  void shouldRejectTheBatchForOtherStatuses(int status) {
    gateway.then(new MockResponse().setResponseCode(status).setHeader("Location", "/elsewhere"));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values())
        .hasSize(2)
        .allSatisfy(
            o -> {
              assertThat(o).isInstanceOf(Outcome.Rejected.class);
              assertThat(((Outcome.Rejected) o).code()).isEqualTo(String.valueOf(status));
            });
    assertThat(server.getRequestCount()).as("redirects are not followed").isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{}", "{\"results\":{}}", ""})
  void shouldReportTheBatchAmbiguousWhenTheSuccessAnswerIsUnreadable(String body) {
    gateway.then(new MockResponse().setBody(body));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Ambiguous);
  }

  @Test
  void shouldReportAmbiguousWithOneRequestWhenTheConnectionDropsAfterTheRequest() {
    warmUpPooledConnection();
    gateway.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Ambiguous);
    assertThat(server.getRequestCount())
        .as("warm-up plus the batch; a third request is OkHttp resending the batch")
        .isEqualTo(2);
  }

  @Test
  void shouldReportAmbiguousWithOneRequestWhenTheGatewayNeverAnswers() {
    gateway.then(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    long start = System.nanoTime();
    BatchOutcome outcome = connector.deliver(batch(1));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldReportAmbiguousWhenTheAnswerIsCutOff() {
    gateway.then(
        json("{\"results\":[{\"id\":\"k-0\",\"status\":\"accepted\"}]}")
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

    HttpSmsConnector unreachable = connectorFor("http://127.0.0.1:" + port + "/sms", "k", null);

    BatchOutcome outcome = unreachable.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
  }

  @Test
  void shouldReportRetryableWhenTheTlsHandshakeFailsBeforeTheRequest() throws Exception {
    try (ServerSocket plainHttp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> answerInPlainText(plainHttp), "plain-http");
      server.start();
      String url = "https://127.0.0.1:" + plainHttp.getLocalPort() + "/sms";

      BatchOutcome outcome = connectorFor(url, "k", null).deliver(batch(2));

      server.join(5_000);
      assertThat(outcome.byKey().values())
          .hasSize(2)
          .allMatch(o -> o instanceof Outcome.Retryable);
    }
  }

  /** Answers the first connection's TLS hello in plain HTTP, as a misconfigured URL would. */
  private static void answerInPlainText(ServerSocket socket) {
    try (Socket client = socket.accept()) {
      client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(US_ASCII));
    } catch (IOException e) {
      // the client gave up first; the assertion on its outcome tells
    }
  }

  @Test
  void shouldNeverShowTheApiKey() {
    HttpSmsProvider provider = new HttpSmsProvider("http://gw", "secret-key", null, 0, null);

    assertThat(provider.toString()).doesNotContain("secret-key");
    assertThat(new HttpSmsConnector(SHARED, provider).toString()).doesNotContain("secret-key");
    assertThatThrownBy(() -> new HttpSmsProvider("http://gw", "secret\nkey", null, 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void shouldApplyDefaultsAndRefuseAnInvalidProvider() {
    HttpSmsProvider provider = new HttpSmsProvider("https://gw/sms", null, " ", 0, null);

    assertThat(provider.apiKeyHeader()).isEqualTo("X-Api-Key");
    assertThat(provider.maxBatchSize()).isEqualTo(500);
    assertThat(provider.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(new HttpSmsConnector(SHARED, provider).maxBatchSize()).isEqualTo(500);
    assertThatThrownBy(() -> new HttpSmsProvider("ftp://gw", "k", null, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpSmsProvider(null, "k", null, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpSmsProvider("http://gw", "k", "X Key", 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpSmsProvider("http://gw", "k", null, 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }
}

package io.cairn.connectors.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.http.OutboundHttp;
import io.cairn.connectors.http.SsrfGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.junit.jupiter.params.provider.CsvSource;

class FcmPushConnectorIT extends ConnectorContract<PushSettings> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient SHARED = OutboundHttp.newSharedClient();
  private static final Duration TIMEOUT = Duration.ofMillis(800);
  private static final SsrfGuard TEST_GUARD = SsrfGuard.allowing(List.of("localhost", "127.0.0.1"));

  private MockWebServer server;
  private ScriptedFcm fcm;
  private FcmPushConnector connector;
  private final AtomicInteger tokenRequests = new AtomicInteger();

  @BeforeEach
  void startFcm() throws IOException {
    fcm = new ScriptedFcm();
    server = new MockWebServer();
    server.setDispatcher(fcm);
    server.start(InetAddress.getLoopbackAddress(), 0);
    connector = connectorFor(server.url("/").toString(), TEST_GUARD);
  }

  @AfterEach
  void stopFcm() throws IOException {
    server.shutdown();
  }

  @AfterAll
  static void releaseClient() {
    SHARED.dispatcher().executorService().shutdown();
    SHARED.connectionPool().evictAll();
  }

  private FcmPushConnector connectorFor(String baseUrl, SsrfGuard guard) {
    return new FcmPushConnector(
        SHARED,
        guard,
        new PushProvider(baseUrl, "cairn-demo", IdType.OAID, TIMEOUT),
        () -> "ya29.token-" + tokenRequests.incrementAndGet());
  }

  @Override
  protected ChannelConnector<PushSettings> connector() {
    return connector;
  }

  @Override
  protected PushSettings settings() {
    return new PushSettings("unused: the engine renders", "unused", "cairn://offer/42", null, null);
  }

  @Override
  protected String address(int i) {
    return "fcm-token-" + i;
  }

  @Override
  protected boolean sendsOneRequestPerMessage() {
    return true;
  }

  @Override
  protected void providerAccepts() {
    // FCM accepts whatever is not scripted
  }

  @Override
  protected void providerFailsTransiently() {
    for (int i = 0; i < FAILING_BATCH_SIZE; i++) {
      fcm.then(ScriptedFcm.error(503, "UNAVAILABLE", "UNAVAILABLE"));
    }
  }

  @Override
  protected void providerResetsConnection() {
    BatchOutcome warmUp =
        connector.deliver(
            new DeliveryBatch<>(
                settings(), List.of(new OutboundMessage("warm-up", address(99), "t", "b"))));
    assertThat(warmUp.outcomeFor("warm-up")).isInstanceOf(Outcome.Sent.class);
    for (int i = 0; i < FAILING_BATCH_SIZE; i++) {
      fcm.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    }
  }

  @Override
  protected int providerRequests() {
    return server.getRequestCount();
  }

  @Test
  void shouldPostOneFcmV1MessagePerTokenWithTheBearerToken() throws Exception {
    BatchOutcome outcome =
        connector.deliver(
            new DeliveryBatch<>(
                settings(),
                List.of(
                    new OutboundMessage("k-0", "tok-0", "Sale 今天", "Hi Ana, 20% off"),
                    new OutboundMessage("k-1", "tok-1", "Sale", "Hi Bo"))));

    assertThat(outcome.outcomeFor("k-0"))
        .isEqualTo(new Outcome.Sent("projects/cairn-demo/messages/m-tok-0"));
    assertThat(outcome.outcomeFor("k-1"))
        .isEqualTo(new Outcome.Sent("projects/cairn-demo/messages/m-tok-1"));
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(tokenRequests.get()).as("one access token per batch").isEqualTo(1);
    for (int i = 0; i < 2; i++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getPath()).isEqualTo("/v1/projects/cairn-demo/messages:send");
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer ya29.token-1");
      assertThat(request.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
      String token =
          JSON.readTree(request.getBody().clone().readUtf8()).at("/message/token").asText();
      String expected =
          token.equals("tok-0")
              ? """
              {"message":{"token":"tok-0",
                "notification":{"title":"Sale 今天","body":"Hi Ana, 20% off"},
                "data":{"deep_link":"cairn://offer/42"}}}\
              """
              : """
              {"message":{"token":"tok-1",
                "notification":{"title":"Sale","body":"Hi Bo"},
                "data":{"deep_link":"cairn://offer/42"}}}\
              """;
      assertThat(JSON.readTree(request.getBody().readUtf8())).isEqualTo(JSON.readTree(expected));
    }
  }

  @Test
  void shouldLeaveDataOutWithoutADeepLink() throws Exception {
    connector.deliver(
        new DeliveryBatch<>(
            new PushSettings("t", "b", " ", null, null),
            List.of(new OutboundMessage("k-0", "tok-0", "T", "B"))));

    assertThat(JSON.readTree(server.takeRequest().getBody().readUtf8()).at("/message").has("data"))
        .isFalse();
  }

  @Test
  void shouldKeepAPathInTheBaseUrl() throws Exception {
    connectorFor(server.url("/fcm-gateway").toString(), TEST_GUARD).deliver(batch(1));

    assertThat(server.takeRequest().getPath())
        .isEqualTo("/fcm-gateway/v1/projects/cairn-demo/messages:send");
  }

  @ParameterizedTest(name = "HTTP {0} {1}/{2} -> {3}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          404, NOT_FOUND,          UNREGISTERED,           Rejected
          400, INVALID_ARGUMENT,   INVALID_ARGUMENT,       Rejected
          403, PERMISSION_DENIED,  SENDER_ID_MISMATCH,     Rejected
          400, INVALID_ARGUMENT,   -,                      Rejected
          404, NOT_FOUND,          -,                      Rejected
          503, UNAVAILABLE,        UNAVAILABLE,            Retryable
          500, INTERNAL,           INTERNAL,               Retryable
          429, RESOURCE_EXHAUSTED, QUOTA_EXCEEDED,         Retryable
          401, UNAUTHENTICATED,    THIRD_PARTY_AUTH_ERROR, Retryable
          401, UNAUTHENTICATED,    -,                      Retryable
          403, PERMISSION_DENIED,  -,                      Retryable
          502, -,                  -,                      Retryable
          429, -,                  -,                      Retryable
          409, ABORTED,            -,                      Rejected
          """)
  void shouldMapFcmErrorsPerToken(int http, String status, String fcmError, String expected) {
    fcm.then(
        status == null
            ? new MockResponse().setResponseCode(http).setBody("<html>bad gateway</html>")
            : ScriptedFcm.error(http, status, fcmError));

    Outcome outcome = connector.deliver(batch(1)).outcomeFor("k-0");

    assertThat(outcome.getClass().getSimpleName()).isEqualTo(expected);
    if (outcome instanceof Outcome.Rejected r) {
      assertThat(r.code()).isEqualTo(fcmError != null ? fcmError : status);
      assertThat(r.reason()).isEqualTo("fcm says " + status);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldReportEachTokensOwnOutcome() {
    fcm.forToken(address(1), ScriptedFcm.error(404, "NOT_FOUND", "UNREGISTERED"))
        .forToken(address(2), ScriptedFcm.error(503, "UNAVAILABLE", "UNAVAILABLE"))
        .forToken(address(3), new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    BatchOutcome outcome = connector.deliver(batch(4));

    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Sent.class);
    assertThat(outcome.outcomeFor("k-1"))
        .isEqualTo(new Outcome.Rejected("UNREGISTERED", "fcm says NOT_FOUND"));
    assertThat(outcome.outcomeFor("k-2")).isInstanceOf(Outcome.Retryable.class);
    assertThat(outcome.outcomeFor("k-3")).isInstanceOf(Outcome.Ambiguous.class);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void shouldReportAmbiguousWhenTheAnswerTimesOutAfterTheRequestWasWritten() {
    fcm.then(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    long start = System.nanoTime();
    Outcome outcome = connector.deliver(batch(1)).outcomeFor("k-0");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(outcome).isInstanceOf(Outcome.Ambiguous.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldReportAmbiguousWhenASuccessAnswerIsCutOff() {
    fcm.then(
        new MockResponse()
            .setBody("{\"name\":\"projects/cairn-demo/messages/1\"}")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    assertThat(connector.deliver(batch(1)).outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
  }

  @Test
  void shouldReportRetryableWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    BatchOutcome outcome = connectorFor("http://127.0.0.1:" + port, TEST_GUARD).deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
  }

  @Test
  void shouldReportRetryableWithoutSendingWhenNoAccessTokenCanBeHad() {
    FcmPushConnector noToken =
        new FcmPushConnector(
            SHARED,
            TEST_GUARD,
            new PushProvider(server.url("/").toString(), "cairn-demo", IdType.OAID, TIMEOUT),
            () -> {
              throw new IllegalStateException("metadata server down");
            });

    BatchOutcome outcome = noToken.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldRefuseAnInternalBaseUrlBeforeAnyRequest() {
    assertThatThrownBy(() -> connectorFor(server.url("/").toString(), SsrfGuard.strict()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a loopback");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldRefuseABaseUrlThatResolvesToAnInternalAddressWithoutAnyRequestReachingIt() {
    OkHttpClient rebinding =
        SHARED.newBuilder().dns(host -> List.of(InetAddress.getLoopbackAddress())).build();
    FcmPushConnector strict =
        new FcmPushConnector(
            rebinding,
            SsrfGuard.strict(),
            new PushProvider(
                "http://fcm.example.com:" + server.getPort(), "cairn-demo", IdType.OAID, TIMEOUT),
            () -> "token");

    BatchOutcome outcome = strict.deliver(batch(2));

    assertThat(outcome.byKey().values())
        .hasSize(2)
        .allSatisfy(
            o -> {
              assertThat(o).isInstanceOf(Outcome.Rejected.class);
              assertThat(((Outcome.Rejected) o).code()).isEqualTo("forbidden-target");
            });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldAddressOnlyTheConfiguredTokenTypeAndValidateTheProvider() {
    assertThat(connector.acceptedIds()).containsExactly(IdType.OAID);
    assertThat(new PushProvider(null, "p", IdType.IMEI, null).baseUrl())
        .isEqualTo("https://fcm.googleapis.com");
    assertThat(new PushProvider(null, "p", IdType.IMEI, null).sendUrl().toString())
        .isEqualTo("https://fcm.googleapis.com/v1/projects/p/messages:send");
    assertThatThrownBy(() -> new PushProvider("ftp://x", "p", IdType.IMEI, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PushProvider(null, "p/../x", IdType.IMEI, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PushProvider(null, "p", null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new PushProvider(null, "p", IdType.IMEI, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

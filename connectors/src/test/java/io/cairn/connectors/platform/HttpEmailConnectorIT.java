package io.cairn.connectors.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.email.SmtpEmailConnector;
import io.cairn.connectors.http.OutboundHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
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

class HttpEmailConnectorIT extends ConnectorContract<EmailSettings> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient SHARED = OutboundHttp.newSharedClient();

  private MockWebServer server;
  private ScriptedPlatform platform;
  private HttpEmailConnector connector;

  @BeforeEach
  void startPlatform() throws IOException {
    platform = new ScriptedPlatform();
    server = new MockWebServer();
    server.setDispatcher(platform);
    server.start(InetAddress.getLoopbackAddress(), 0);
    connector =
        new HttpEmailConnector(
            SHARED,
            new PlatformEndpoint(
                server.url("/mail").toString(),
                ScriptedPlatform.NAME,
                "mail-key",
                "Authorization-Token",
                0,
                Duration.ofMillis(800),
                null),
            false,
            true);
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

  @Override
  protected ChannelConnector<EmailSettings> connector() {
    return connector;
  }

  @Override
  protected EmailSettings settings() {
    return new EmailSettings(
        "Cairn News <news@cairn.example>", "unused", "unused", EmptyValuePolicy.SKIP, "");
  }

  @Override
  protected String address(int i) {
    return "user" + i + "@example.org";
  }

  @Override
  protected void providerAccepts() {}

  @Override
  protected void providerFailsTransiently() {
    platform.then(new MockResponse().setResponseCode(503));
  }

  @Override
  protected void providerResetsConnection() {
    BatchOutcome warmUp =
        connector.deliver(
            new DeliveryBatch<>(
                settings(), List.of(new OutboundMessage("warm-up", address(99), "s", "b"))));
    assertThat(warmUp.outcomeFor("warm-up")).isInstanceOf(Outcome.Sent.class);
    platform.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
  }

  @Override
  protected int providerRequests() {
    return server.getRequestCount();
  }

  @Test
  void shouldPostOneBatchWithSenderPartsKeysAndUnsubscribeHeaders() throws Exception {
    List<OutboundMessage> messages =
        List.of(
            new OutboundMessage(
                "5-1",
                "ann@example.org",
                "Hello Ann",
                "Hi <Ann> & co\nsee you",
                Map.of(SmtpEmailConnector.UNSUBSCRIBE_URL, "https://cairn.example/u/abc")),
            new OutboundMessage("5-2", " bob@example.org ", "Hello Bob", "Hi Bob"));

    BatchOutcome outcome = connector.deliver(new DeliveryBatch<>(settings(), messages));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/mail/email/sendBatch");
    assertThat(request.getHeader("Authorization-Token")).isEqualTo("mail-key");
    assertThat(request.getHeader("X-Api-Key")).isNull();
    JsonNode body = JSON.readTree(request.getBody().readUtf8());
    assertThat(body.get("outId").asText()).matches("[0-9a-f]{64}");
    assertThat(body.get("accountName").asText()).isEqualTo("news@cairn.example");
    assertThat(body.get("fromAlias").asText()).isEqualTo("Cairn News");
    assertThat(body.get("addressType").asInt()).isEqualTo(1);
    assertThat(body.get("clickTrace").asInt()).isEqualTo(1);
    assertThat(body.get("limit").asInt()).isEqualTo(2);
    JsonNode first = body.at("/messages/0");
    assertThat(first.get("outId").asText()).isEqualTo("5-1");
    assertThat(first.get("toAddress").asText()).isEqualTo("ann@example.org");
    assertThat(first.get("subject").asText()).isEqualTo("Hello Ann");
    assertThat(first.get("textBody").asText()).isEqualTo("Hi <Ann> & co\nsee you");
    assertThat(first.get("htmlBody").asText()).isEqualTo("Hi &lt;Ann&gt; &amp; co<br>\nsee you");
    assertThat(first.get("headers").get("List-Unsubscribe").asText())
        .isEqualTo("<https://cairn.example/u/abc>");
    assertThat(first.get("headers").get("List-Unsubscribe-Post").asText())
        .isEqualTo("List-Unsubscribe=One-Click");
    JsonNode second = body.at("/messages/1");
    assertThat(second.get("toAddress").asText()).isEqualTo("bob@example.org");
    assertThat(second.has("headers")).isFalse();
    assertThat(outcome.byKey())
        .containsOnlyKeys("5-1", "5-2")
        .containsEntry("5-2", new Outcome.Sent("biz-1"));
  }

  @Test
  void shouldRejectBadAddressesAndOversizedBodiesWithoutSendingThem() throws Exception {
    List<OutboundMessage> messages =
        List.of(
            new OutboundMessage("k-bad", "not an address", "s", "b"),
            new OutboundMessage("k-big", "big@example.org", "s", "x".repeat(29 * 1024)),
            new OutboundMessage("k-ok", "ok@example.org", "s", "b"));

    BatchOutcome outcome = connector.deliver(new DeliveryBatch<>(settings(), messages));

    assertThat(outcome.outcomeFor("k-bad")).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) outcome.outcomeFor("k-big")).code()).isEqualTo("too-large");
    assertThat(outcome.outcomeFor("k-ok")).isEqualTo(new Outcome.Sent("biz-1"));
    JsonNode sent = JSON.readTree(server.takeRequest().getBody().readUtf8()).get("messages");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).get("outId").asText()).isEqualTo("k-ok");
  }

  @Test
  void shouldSendNothingWhenNoMessageIsSendable() {
    BatchOutcome outcome =
        connector.deliver(
            new DeliveryBatch<>(settings(), List.of(new OutboundMessage("k", "nope", "s", "b"))));

    assertThat(outcome.outcomeFor("k")).isInstanceOf(Outcome.Rejected.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not-an-address", "A name far longer than fifteen <a@b.example>"})
  void shouldRejectTheBatchForAnUnusableSender(String from) {
    EmailSettings settings = new EmailSettings(from, "s", "b", EmptyValuePolicy.SKIP, "");

    BatchOutcome outcome = connector.deliver(new DeliveryBatch<>(settings, batch(2).messages()));

    assertThat(outcome.byKey().values())
        .hasSize(2)
        .allSatisfy(o -> assertThat(((Outcome.Rejected) o).code()).isEqualTo("bad-sender"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldLeaveTheAliasOutAndUseRandomAddressesWhenConfigured() throws Exception {
    HttpEmailConnector random =
        new HttpEmailConnector(
            SHARED,
            new PlatformEndpoint(server.url("/m").toString(), null, "k", null, 0, null, null),
            true,
            false);

    random.deliver(
        new DeliveryBatch<>(
            new EmailSettings("news@cairn.example", "s", "b", EmptyValuePolicy.SKIP, ""),
            batch(1).messages()));

    JsonNode body = JSON.readTree(server.takeRequest().getBody().readUtf8());
    assertThat(body.has("fromAlias")).isFalse();
    assertThat(body.get("addressType").asInt()).isZero();
    assertThat(body.get("clickTrace").asInt()).isZero();
  }

  @Test
  void shouldMapThePlatformsCodesAndFailuresLikeTheSmsConnector() {
    platform.then(ScriptedPlatform.json("{\"code\":\"InvalidSender\",\"message\":\"frozen\"}"));
    platform.then(new MockResponse().setResponseCode(502));
    platform.then(new MockResponse().setResponseCode(403));
    platform.then(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    assertThat(connector.deliver(batch(1)).outcomeFor("k-0"))
        .isEqualTo(new Outcome.Rejected("InvalidSender", "frozen"));
    assertThat(connector.deliver(batch(1)).outcomeFor("k-0")).isInstanceOf(Outcome.Retryable.class);
    assertThat(connector.deliver(batch(1)).outcomeFor("k-0"))
        .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("403"));
    assertThat(connector.deliver(batch(1)).outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void shouldReportAmbiguousWhenTheConnectionResetsMidBatch() {
    platform.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_DURING_REQUEST_BODY));

    BatchOutcome outcome = connector.deliver(batch(40));

    assertThat(outcome.byKey().values()).hasSize(40).allMatch(o -> o instanceof Outcome.Ambiguous);
    assertThat(server.getRequestCount())
        .as("at most the cut batch; more is a resend")
        .isLessThanOrEqualTo(1);
  }
}

package io.cairn.connectors.ads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.http.OutboundHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetaAudienceConnectorIT extends ConnectorContract<MetaAudienceSettings> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient SHARED = OutboundHttp.newSharedClient();

  private MockWebServer server;
  private ScriptedPlatform meta;
  private MetaAudienceConnector connector;
  private final List<AudienceUploadReport> reports = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startMeta() throws IOException {
    meta = new ScriptedPlatform(MetaAudienceConnectorIT::received);
    server = new MockWebServer();
    server.setDispatcher(meta);
    server.start(InetAddress.getLoopbackAddress(), 0);
    connector = connector(0);
  }

  private MetaAudienceConnector connector(int maxBatchSize) {
    return new MetaAudienceConnector(
        SHARED,
        new MetaGraphApi(
            server.url("/").toString(), "v21.0", 0, maxBatchSize, "86", Duration.ofSeconds(2)),
        () -> "token-1",
        (batch, report) -> reports.add(report));
  }

  @AfterEach
  void stopMeta() throws IOException {
    server.shutdown();
  }

  @AfterAll
  static void releaseClient() {
    SHARED.dispatcher().executorService().shutdown();
    SHARED.connectionPool().evictAll();
  }

  /** Meta's answer: every row received, none invalid. */
  private static MockResponse received(RecordedRequest request) {
    try {
      JsonNode body = JSON.readTree(request.getBody().clone().readUtf8());
      int rows = body.at("/payload/data").size();
      return ScriptedPlatform.json(
          """
          {"audience_id":"23851","session_id":"%s","num_received":%d,"num_invalid_entries":0,
           "invalid_entry_samples":{}}\
          """
              .formatted(body.at("/session/session_id").asText(), rows));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected ChannelConnector<MetaAudienceSettings> connector() {
    return connector;
  }

  @Override
  protected MetaAudienceSettings settings() {
    return new MetaAudienceSettings("23851", IdType.EMAIL);
  }

  @Override
  protected String address(int i) {
    return "User" + i + "@Example.com";
  }

  @Override
  protected void providerAccepts() {}

  @Override
  protected void providerFailsTransiently() {
    meta.then(new MockResponse().setResponseCode(503));
  }

  @Override
  protected void providerResetsConnection() {
    meta.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
  }

  @Override
  protected int providerRequests() {
    return server.getRequestCount();
  }

  @Test
  void shouldPostHashedEmailsToTheAudienceInOneSessionRequest() throws Exception {
    BatchOutcome outcome = connector.deliver(batch(2));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v21.0/23851/users");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer token-1");
    JsonNode body = JSON.readTree(request.getBody().readUtf8());
    long session = body.at("/session/session_id").asLong();
    assertThat(session).isPositive();
    assertThat(body)
        .isEqualTo(
            JSON.readTree(
                """
                {"payload":{"schema":["EMAIL_SHA256"],
                            "data":[["%s"],["%s"]]},
                 "session":{"session_id":%d,"batch_seq":1,"last_batch_flag":true,
                            "estimated_num_total":2}}\
                """
                    .formatted(
                        Digest.SHA256.hex("user0@example.com"),
                        Digest.SHA256.hex("user1@example.com"),
                        session)));
    assertThat(outcome.outcomeFor("k-0")).isEqualTo(new Outcome.Sent(session + "/1"));
    assertThat(reports)
        .containsExactly(
            new AudienceUploadReport("ads.meta", "23851", String.valueOf(session), 2, 2, 0, null));
  }

  @Test
  void shouldSplit25000IdsIntoThreeRequestsOfOneSession() throws Exception {
    MetaAudienceConnector big = connector(25_000);
    List<OutboundMessage> messages =
        IntStream.range(0, 25_000)
            .mapToObj(i -> new OutboundMessage("k-" + i, "+86 139" + (10_000_000 + i), null, ""))
            .toList();

    BatchOutcome outcome =
        big.deliver(
            new DeliveryBatch<>(new MetaAudienceSettings("23851", IdType.MOBILE), messages));

    assertThat(server.getRequestCount()).isEqualTo(3);
    List<JsonNode> bodies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      bodies.add(JSON.readTree(server.takeRequest().getBody().readUtf8()));
    }
    assertThat(bodies)
        .extracting(b -> b.at("/payload/data").size())
        .containsExactly(10_000, 10_000, 5_000);
    assertThat(bodies).extracting(b -> b.at("/session/batch_seq").asInt()).containsExactly(1, 2, 3);
    assertThat(bodies)
        .extracting(b -> b.at("/session/last_batch_flag").asBoolean())
        .containsExactly(false, false, true);
    assertThat(bodies)
        .extracting(b -> b.at("/session/session_id").asLong())
        .containsOnly(bodies.get(0).at("/session/session_id").asLong());
    assertThat(bodies).allMatch(b -> b.at("/session/estimated_num_total").asInt() == 25_000);
    assertThat(bodies.get(0).at("/payload/schema/0").asText()).isEqualTo("PHONE_SHA256");
    assertThat(bodies.get(0).at("/payload/data/0/0").asText())
        .isEqualTo(Digest.SHA256.hex("8613910000000"));
    assertThat(outcome.byKey().values()).hasSize(25_000).allMatch(o -> o instanceof Outcome.Sent);
    assertThat(reports)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.uploaded()).isEqualTo(25_000);
              assertThat(r.received()).isEqualTo(25_000);
            });
  }

  @Test
  void shouldKeepTheSessionIdWhenTheSameBatchIsSentAgain() throws Exception {
    connector.deliver(batch(3));
    List<OutboundMessage> reversed = new ArrayList<>(batch(3).messages());
    java.util.Collections.reverse(reversed);
    connector.deliver(new DeliveryBatch<>(settings(), reversed));
    connector.deliver(batch(2));

    long first =
        JSON.readTree(server.takeRequest().getBody().readUtf8()).at("/session/session_id").asLong();
    long again =
        JSON.readTree(server.takeRequest().getBody().readUtf8()).at("/session/session_id").asLong();
    long other =
        JSON.readTree(server.takeRequest().getBody().readUtf8()).at("/session/session_id").asLong();
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void shouldStopTheSessionAtAFailedRequestAndReportTheRestRetryable() {
    meta.thenSucceed().then(new MockResponse().setResponseCode(500));
    List<OutboundMessage> messages =
        IntStream.range(0, 25_000)
            .mapToObj(i -> new OutboundMessage("k-" + i, "u" + i + "@example.com", null, ""))
            .toList();

    BatchOutcome outcome = connector(25_000).deliver(new DeliveryBatch<>(settings(), messages));

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Sent.class);
    assertThat(outcome.outcomeFor("k-10000"))
        .isEqualTo(new Outcome.Retryable("Meta answered HTTP 500"));
    assertThat(outcome.outcomeFor("k-24999"))
        .isEqualTo(new Outcome.Retryable("not sent: an earlier request of the upload failed"));
    assertThat(reports).singleElement().satisfies(r -> assertThat(r.uploaded()).isEqualTo(10_000));
  }

  @Test
  void shouldRejectAddressesThatAreNoEmailWithoutUploadingThem() throws Exception {
    BatchOutcome outcome =
        connector.deliver(
            new DeliveryBatch<>(
                settings(),
                List.of(
                    new OutboundMessage("bad", "not-an-email", null, ""),
                    new OutboundMessage("good", "ann@example.com", null, ""))));

    assertThat(outcome.outcomeFor("bad"))
        .isEqualTo(new Outcome.Rejected("invalid-identity", "email: not an email address"));
    assertThat(outcome.outcomeFor("good")).isInstanceOf(Outcome.Sent.class);
    assertThat(JSON.readTree(server.takeRequest().getBody().readUtf8()).at("/payload/data"))
        .hasSize(1);
  }

  @Test
  void shouldNotCallMetaWhenNoAddressIsValid() {
    BatchOutcome outcome =
        connector.deliver(
            new DeliveryBatch<>(settings(), List.of(new OutboundMessage("bad", " ", null, ""))));

    assertThat(outcome.outcomeFor("bad")).isInstanceOf(Outcome.Rejected.class);
    assertThat(server.getRequestCount()).isZero();
    assertThat(reports).isEmpty();
  }

  @Test
  void shouldRejectTheEntriesMetaQuotesAsInvalidAndCountThem() {
    String badHash = Digest.SHA256.hex("user1@example.com");
    meta.then(
        ScriptedPlatform.json(
            """
            {"audience_id":"23851","session_id":"1","num_received":3,"num_invalid_entries":1,
             "invalid_entry_samples":{"%s":"invalid hash"}}\
            """
                .formatted(badHash)));

    BatchOutcome outcome = connector.deliver(batch(3));

    assertThat(outcome.outcomeFor("k-1"))
        .isEqualTo(new Outcome.Rejected("invalid-entry", "Meta reported the entry invalid"));
    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Sent.class);
    assertThat(outcome.outcomeFor("k-2")).isInstanceOf(Outcome.Sent.class);
    assertThat(reports)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.received()).isEqualTo(3);
              assertThat(r.invalid()).isEqualTo(1);
              assertThat(r.matched()).isNull();
            });
  }

  @Test
  void shouldRejectOnAPermanentErrorAndRetryOnThrottling() {
    meta.then(
        ScriptedPlatform.json(
                """
                {"error":{"message":"Invalid OAuth access token.","type":"OAuthException",
                 "code":190}}\
                """)
            .setResponseCode(400));
    meta.then(
        ScriptedPlatform.json(
                """
                {"error":{"message":"User request limit reached","code":17}}\
                """)
            .setResponseCode(400));

    BatchOutcome rejected = connector.deliver(batch(1));
    BatchOutcome throttled = connector.deliver(batch(1));

    assertThat(rejected.outcomeFor("k-0"))
        .isEqualTo(
            new Outcome.Rejected(
                "190", "Meta refused the request: HTTP 400 Invalid OAuth access token."));
    assertThat(throttled.outcomeFor("k-0")).isInstanceOf(Outcome.Retryable.class);
  }

  @Test
  void shouldReportAmbiguousWhenASuccessAnswerIsUnreadable() {
    meta.then(ScriptedPlatform.json("{\"ok\":true}"));

    assertThat(connector.deliver(batch(1)).outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
  }

  @Test
  void shouldRejectANodeWithoutAudienceOrWithAnIdTypeMetaDoesNotTake() {
    BatchOutcome none =
        connector.deliver(
            new DeliveryBatch<>(new MetaAudienceSettings(" ", null), batch(1).messages()));
    BatchOutcome imei =
        connector.deliver(
            new DeliveryBatch<>(new MetaAudienceSettings("1", IdType.IMEI), batch(1).messages()));

    assertThat(none.outcomeFor("k-0"))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("no-audience"));
    assertThat(imei.outcomeFor("k-0"))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("unsupported-id-type"));
    assertThat(server.getRequestCount()).isZero();
    assertThat(connector.idTypeFor(new MetaAudienceSettings("1", IdType.MOBILE)))
        .isEqualTo(IdType.MOBILE);
  }
}
